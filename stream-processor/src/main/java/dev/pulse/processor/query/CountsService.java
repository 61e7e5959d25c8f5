package dev.pulse.processor.query;

import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.schemas.views.UserCountsView;
import dev.pulse.processor.topology.StoreNames;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;

/**
 * Exact counts of posts and users: one at a time for any valid token, up to 1,000 in one call for tokens
 * with the {@code analytics} scope ({@link Access}); registered under {@code /v1}. A post or user nobody engaged with has zero
 * counts, not a 404.
 */
final class CountsService implements HttpService {

    private final StoreQueries queries;
    private final KeyRouter router;

    CountsService(StoreQueries queries, KeyRouter router) {
        this.queries = queries;
        this.router = router;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/posts/{postId}/counts", this::postCounts)
                .get("/users/{userId}/counts", this::userCounts)
                .post("/counts/posts", this::postBatch)
                .post("/counts/users", this::userBatch);
    }

    private void postCounts(ServerRequest req, ServerResponse res) {
        String postId = req.path().pathParameters().get("postId");
        router.answer(req, res, StoreNames.POST_COUNTS, postId, PostCountsView.class,
                (at, stale) -> PostCountsView.of(postId, queries.postCounts(postId, at, stale)));
    }

    private void userCounts(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        router.answer(req, res, StoreNames.USER_COUNTS, userId, UserCountsView.class,
                (at, stale) -> UserCountsView.of(userId, queries.userCounts(userId, at, stale)));
    }

    private void postBatch(ServerRequest req, ServerResponse res) {
        Access.requireAnalytics(req);
        List<PostCountsView> counts = router.batch(req, StoreNames.POST_COUNTS, BatchIds.read(req).ids(),
                PostCountsView.class, (id, at) -> PostCountsView.of(id, queries.postCounts(id, at, false)));
        router.send(res, new CountsBatch<>(counts));
    }

    private void userBatch(ServerRequest req, ServerResponse res) {
        Access.requireAnalytics(req);
        List<UserCountsView> counts = router.batch(req, StoreNames.USER_COUNTS, BatchIds.read(req).ids(),
                UserCountsView.class, (id, at) -> UserCountsView.of(id, queries.userCounts(id, at, false)));
        router.send(res, new CountsBatch<>(counts));
    }
}
