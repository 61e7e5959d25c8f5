package dev.pulse.processor.query;

import dev.pulse.schemas.views.InboxViews;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.schemas.NotificationType;
import dev.pulse.service.QueryParams;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A user's inbox, for that user (or an analyst); registered under {@code /v1/users}: a page of it
 * newest first, the badge alone, and the changes after a seq that a resuming client needs.
 */
final class InboxService implements HttpService {

    static final int MAX_PAGE = 200;
    private static final List<String> TYPES = Arrays.stream(NotificationType.values())
            .filter(t -> t != NotificationType.UNKNOWN).map(Enum::name).toList();

    private final StoreQueries queries;
    private final KeyRouter router;

    InboxService(StoreQueries queries, KeyRouter router) {
        this.queries = queries;
        this.router = router;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.get("/{userId}/inbox", this::page)
                .get("/{userId}/inbox/counts", this::counts)
                .get("/{userId}/inbox/changes", this::changes);
    }

    private void page(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        long after = QueryParams.whole(req, "after", 0, 0, QueryParams.MAX_SAFE_INTEGER);
        long before = QueryParams.whole(req, "before", QueryParams.MAX_SAFE_INTEGER, 1, QueryParams.MAX_SAFE_INTEGER);
        int limit = QueryParams.integer(req, "limit", 50, 1, MAX_PAGE);
        InboxQueries.StateFilter state = InboxQueries.StateFilter.valueOf(QueryParams.oneOf(req, "state", "all",
                List.of("unread", "all", "archived")).toUpperCase(Locale.ROOT));
        Set<String> types = QueryParams.someOf(req, "types", TYPES);
        Access.requireSelfOrAnalytics(req, userId);
        router.answer(req, res, StoreNames.INBOX_USERS, userId, InboxViews.Page.class,
                (at, stale) -> queries.inbox(userId, at, stale,
                        inbox -> inbox.page(userId, after, before, limit, state, types)));
    }

    private void counts(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        Access.requireSelfOrAnalytics(req, userId);
        router.answer(req, res, StoreNames.INBOX_USERS, userId, InboxViews.Counts.class,
                (at, stale) -> queries.inbox(userId, at, stale, inbox -> inbox.counts(userId)));
    }

    private void changes(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        long after = QueryParams.whole(req, "after", 0, 0, QueryParams.MAX_SAFE_INTEGER);
        String epoch = req.query().first("epoch").orElse(null);
        Access.requireSelfOrAnalytics(req, userId);
        router.answer(req, res, StoreNames.INBOX_USERS, userId, InboxViews.Changes.class,
                (at, stale) -> queries.inbox(userId, at, stale, inbox -> inbox.changes(userId, epoch, after)));
    }
}
