package dev.pulse.processor.query;

import dev.pulse.schemas.views.TrendingView;
import dev.pulse.processor.trending.TrendingStores;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import dev.pulse.service.QueryParams;
import dev.pulse.service.ServiceRoutes;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * What is popular: the trending snapshot, for any valid token, and the posts with most likes across all
 * instances, for tokens with the {@code analytics} scope ({@link Access}); registered under {@code /v1}. {@code /posts/top?scope=local}
 * is this instance's own part of the top list, which the others ask for.
 */
final class TrendingService implements HttpService {

    private final StoreQueries queries;
    private final KeyRouter router;
    private final TopPostsGather top;

    TrendingService(StoreQueries queries, KeyRouter router, TopPostsGather top) {
        this.queries = queries;
        this.router = router;
        this.top = top;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/trending", this::trending)
                .get("/posts/top", this::topPosts);
    }

    private void trending(ServerRequest req, ServerResponse res) {
        router.answer(req, res, TrendingStores.SNAPSHOT, Topics.TRENDING_KEY, TrendingView.class,
                (at, stale) -> TrendingView.of(queries.trending(at, stale).orElse(null)));
    }

    private void topPosts(ServerRequest req, ServerResponse res) {
        Access.requireAnalytics(req);
        int n = QueryParams.integer(req, "n", 10, 1, 1_000);
        if (req.query().first("scope").orElse("").equals("local")) {
            Json.send(res, Status.OK_200, top.local(n));
            return;
        }
        Json.send(res, Status.OK_200, top.all(req, n, ServiceRoutes.wholePath(req) + "?scope=local&n=" + n));
    }
}
