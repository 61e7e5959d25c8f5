package dev.pulse.processor.query;

import dev.pulse.processor.topology.StoreNames;
import dev.pulse.service.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * A user's unread backlog after a seq and their exact unread count, for that user (or an analyst);
 * registered under {@code /v1/users}. To be replaced by the inbox routes.
 */
final class BacklogService implements HttpService {

    private final StoreQueries queries;
    private final KeyRouter router;

    BacklogService(StoreQueries queries, KeyRouter router) {
        this.queries = queries;
        this.router = router;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{userId}/notifications", this::backlog)
                .get("/{userId}/unread", this::unread);
    }

    private void backlog(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        long after = QueryParams.whole(req, "after", 0, 0, QueryParams.MAX_SAFE_INTEGER);
        int limit = QueryParams.integer(req, "limit", 100, 1, 1_000);
        Access.requireSelfOrAnalytics(req, userId);
        router.answer(req, res, StoreNames.RECIPIENTS, userId, BacklogView.class,
                (at, stale) -> BacklogView.of(queries.backlog(userId, after, limit, at, stale), after));
    }

    private void unread(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        Access.requireSelfOrAnalytics(req, userId);
        router.answer(req, res, StoreNames.RECIPIENTS, userId, UnreadView.class,
                (at, stale) -> UnreadView.of(queries.backlog(userId, Long.MAX_VALUE - 1, 1, at, stale)));
    }
}
