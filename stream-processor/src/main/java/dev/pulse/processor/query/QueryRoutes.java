package dev.pulse.processor.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.processor.trending.TrendingStores;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.JsonBody;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import dev.pulse.service.QueryParams;
import dev.pulse.service.Routes;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import dev.pulse.schemas.NotificationType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The interactive-query API. Any instance answers any key: it reads its own store when it holds the
 * key's active partition, otherwise forwards the request (with the caller's token) to the instance
 * that does; when that instance cannot be reached and this one keeps a standby replica, it answers
 * from the replica and says so, with the replica's lag. While stores restore or move: 503 with
 * Retry-After, never a wrong number. Counts, trending and top lists need the {@code analytics} scope;
 * a user may read only their own inbox.
 */
public final class QueryRoutes {

    static final HeaderName FORWARDED = HeaderNames.create("X-Pulse-Forwarded");
    static final HeaderName SERVED_BY = HeaderNames.create("X-Pulse-Served-By");
    static final HeaderName STANDBY = HeaderNames.create("X-Pulse-Standby");
    static final HeaderName STANDBY_LAG = HeaderNames.create("X-Pulse-Standby-Lag");
    static final int MAX_BATCH = 1_000;
    static final int MAX_ID_LENGTH = 256;
    /** A batch of the largest ids, quoted and separated, fits. */
    static final long MAX_BATCH_BYTES = (long) MAX_BATCH * (MAX_ID_LENGTH + 4) + 64;

    private static final Logger LOG = LoggerFactory.getLogger(QueryRoutes.class);
    private static final Duration FORWARD_TIMEOUT = Duration.ofSeconds(5);

    private final StoreQueries queries;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public QueryRoutes(StoreQueries queries) {
        this.queries = queries;
    }

    public void routing(Routes routes) {
        routes.get("/v1/posts/top", this::topPosts)
                .get("/v1/posts/{postId}/counts", (req, res) -> {
                    String postId = req.path().pathParameters().get("postId");
                    keyed(req, res, analytics(req), StoreNames.POST_COUNTS, postId,
                            (at, stale) -> Views.postCounts(postId, queries.postCounts(postId, at, stale)));
                })
                .get("/v1/users/{userId}/counts", (req, res) -> {
                    String userId = req.path().pathParameters().get("userId");
                    keyed(req, res, analytics(req), StoreNames.USER_COUNTS, userId,
                            (at, stale) -> Views.userCounts(userId, queries.userCounts(userId, at, stale)));
                })
                .post("/v1/counts/posts", (req, res) -> batch(req, res, StoreNames.POST_COUNTS,
                        (id, at) -> Views.postCounts(id, queries.postCounts(id, at, false))))
                .post("/v1/counts/users", (req, res) -> batch(req, res, StoreNames.USER_COUNTS,
                        (id, at) -> Views.userCounts(id, queries.userCounts(id, at, false))))
                .get("/v1/trending", (req, res) -> keyed(req, res, analytics(req), TrendingStores.SNAPSHOT,
                        Topics.TRENDING_KEY, (at, stale) -> Views.trending(queries.trending(at, stale).orElse(null))))
                .get("/v1/users/{userId}/inbox", (req, res) -> {
                    String userId = req.path().pathParameters().get("userId");
                    long after = QueryParams.whole(req, "after", 0, 0, QueryParams.MAX_SAFE_INTEGER);
                    long before = QueryParams.whole(req, "before", QueryParams.MAX_SAFE_INTEGER, 1,
                            QueryParams.MAX_SAFE_INTEGER);
                    int limit = QueryParams.integer(req, "limit", 50, 1, 200);
                    InboxQueries.StateFilter state = stateFilter(req);
                    Set<String> types = types(req);
                    keyed(req, res, selfOrAnalytics(req, userId), StoreNames.INBOX_USERS, userId,
                            (at, stale) -> queries.reading(() -> queries.inbox(at, stale)
                                    .page(userId, after, before, limit, state, types)));
                })
                .get("/v1/users/{userId}/inbox/counts", (req, res) -> {
                    String userId = req.path().pathParameters().get("userId");
                    keyed(req, res, selfOrAnalytics(req, userId), StoreNames.INBOX_USERS, userId,
                            (at, stale) -> queries.reading(() -> queries.inbox(at, stale).counts(userId)));
                })
                .get("/v1/users/{userId}/inbox/changes", (req, res) -> {
                    String userId = req.path().pathParameters().get("userId");
                    long after = QueryParams.whole(req, "after", 0, 0, QueryParams.MAX_SAFE_INTEGER);
                    String epoch = req.query().first("epoch").orElse(null);
                    keyed(req, res, selfOrAnalytics(req, userId), StoreNames.INBOX_USERS, userId,
                            (at, stale) -> queries.reading(() -> queries.inbox(at, stale)
                                    .changes(userId, epoch, after)));
                });
    }

    private static InboxQueries.StateFilter stateFilter(ServerRequest req) {
        return InboxQueries.StateFilter.valueOf(QueryParams.oneOf(req, "state", "all",
                List.of("unread", "all", "archived")).toUpperCase(java.util.Locale.ROOT));
    }

    private static Set<String> types(ServerRequest req) {
        return QueryParams.someOf(req, "types", Arrays.stream(NotificationType.values())
                .filter(t -> t != NotificationType.UNKNOWN).map(Enum::name).toList());
    }

    private interface Answer {
        Object at(Placement placement, boolean stale);
    }

    private void keyed(ServerRequest req, ServerResponse res, boolean allowed, String store, String key, Answer answer) {
        if (!allowed) {
            throw forbidden(req);
        }
        Placement at = queries.placement(store, key);
        if (at.activeHere()) {
            served(res, false, 0);
            Json.send(res, Status.OK_200, answer.at(at, false));
            return;
        }
        if (req.headers().contains(FORWARDED)) {
            throw NotReady.because("ownership of '" + key + "' is moving between instances");
        }
        try {
            relay(res, forward(req, at.active(), Optional.empty()));
        } catch (IOException e) {
            if (!at.standbyHere()) {
                throw NotReady.because("the instance owning '" + key + "' (" + at.active() + ") is unreachable", e);
            }
            LOG.warn("Owner {} of {} '{}' unreachable; answering from this instance's standby replica",
                    at.active(), store, key);
            served(res, true, queries.lag(store, at.partition()));
            Json.send(res, Status.OK_200, answer.at(at, true));
        }
    }

    private void batch(ServerRequest req, ServerResponse res, String store,
                       java.util.function.BiFunction<String, Placement, Map<String, Object>> local) {
        if (!analytics(req)) {
            throw forbidden(req);
        }
        List<String> ids = ids(req);
        Map<String, Map<String, Object>> answers = new LinkedHashMap<>();
        Map<HostInfo, List<String>> remote = new LinkedHashMap<>();
        for (String id : ids) {
            Placement at = queries.placement(store, id);
            if (at.activeHere()) {
                answers.put(id, local.apply(id, at));
            } else if (req.headers().contains(FORWARDED)) {
                throw NotReady.because("ownership of '" + id + "' is moving between instances");
            } else {
                remote.computeIfAbsent(at.active(), h -> new ArrayList<>()).add(id);
            }
        }
        for (Map.Entry<HostInfo, List<String>> part : remote.entrySet()) {
            HttpResponse<byte[]> response;
            try {
                response = forward(req, part.getKey(), Optional.of(Json.mapper().writeValueAsBytes(Map.of("ids", part.getValue()))));
            } catch (IOException e) {
                throw NotReady.because("instance " + part.getKey() + " is unreachable", e);
            }
            if (response.statusCode() != 200) {
                relay(res, response);
                return;
            }
            for (JsonNode counts : readTree(response.body()).path("counts")) {
                String id = counts.path(store.equals(StoreNames.POST_COUNTS) ? "postId" : "userId").asText();
                answers.put(id, Json.mapper().convertValue(counts, Map.class));
            }
        }
        served(res, false, 0);
        Json.send(res, Status.OK_200, Map.of("counts", ids.stream().map(answers::get).toList()));
    }

    private void topPosts(ServerRequest req, ServerResponse res) {
        if (!analytics(req)) {
            throw forbidden(req);
        }
        int n = QueryParams.integer(req, "n", 10, 1, 1_000);
        if (req.query().first("scope").orElse("").equals("local")) {
            Json.send(res, Status.OK_200, Map.of("posts", queries.localTopByLikes(n).stream()
                    .map(c -> Views.postCounts(c.getPostId(), c)).toList()));
            return;
        }
        List<PostCounts> all = new ArrayList<>();
        for (HostInfo host : queries.hostsOf(StoreNames.POST_COUNTS)) {
            if (host.equals(queries.self())) {
                all.addAll(queries.localTopByLikes(n));
                continue;
            }
            HttpResponse<byte[]> response;
            try {
                response = forward(req, host, Optional.empty(), "/v1/posts/top?scope=local&n=" + n);
            } catch (IOException e) {
                throw NotReady.because("instance " + host + " is unreachable; a partial top list would be wrong", e);
            }
            if (response.statusCode() != 200) {
                relay(res, response);
                return;
            }
            for (JsonNode post : readTree(response.body()).path("posts")) {
                all.add(PostCounts.newBuilder().setPostId(post.path("postId").asText())
                        .setLikes(post.path("likes").asLong()).setComments(post.path("comments").asLong())
                        .setUpdatedAt(java.time.Instant.parse(post.path("updatedAt").asText())).build());
            }
        }
        Json.send(res, Status.OK_200, Map.of("posts", all.stream().sorted(StoreQueries.TOP_BY_LIKES).limit(n)
                .map(c -> Views.postCounts(c.getPostId(), c)).toList()));
    }

    private HttpResponse<byte[]> forward(ServerRequest req, HostInfo host, Optional<byte[]> body) throws IOException {
        String query = req.query().rawValue();
        return forward(req, host, body, req.path().rawPath() + (query.isEmpty() ? "" : "?" + query));
    }

    private HttpResponse<byte[]> forward(ServerRequest req, HostInfo host, Optional<byte[]> body, String pathAndQuery)
            throws IOException {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create("http://" + host.host() + ":" + host.port()
                        + pathAndQuery))
                .timeout(FORWARD_TIMEOUT)
                .header(FORWARDED.defaultCase(), address(queries.self()));
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(v -> forwarded.header("Authorization", v));
        if (body.isPresent()) {
            forwarded.header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body.get()));
        }
        try {
            return http.send(forwarded.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + host, e);
        }
    }

    private static void relay(ServerResponse res, HttpResponse<byte[]> response) {
        res.status(Status.create(response.statusCode()));
        response.headers().firstValue("Content-Type").ifPresent(v -> res.header(HeaderNames.CONTENT_TYPE, v));
        response.headers().firstValue("Retry-After").ifPresent(v -> res.header(HeaderNames.RETRY_AFTER, v));
        for (HeaderName name : List.of(SERVED_BY, STANDBY, STANDBY_LAG)) {
            response.headers().firstValue(name.defaultCase()).ifPresent(v -> res.header(name, v));
        }
        res.send(response.body());
    }

    private void served(ServerResponse res, boolean standby, long lag) {
        res.header(SERVED_BY, address(queries.self()));
        if (standby) {
            res.header(STANDBY, "true");
            res.header(STANDBY_LAG, Long.toString(lag));
        }
    }

    /** An instance's address as clients write it, {@code host:port}. */
    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private static boolean analytics(ServerRequest req) {
        return BearerAuthFilter.principal(req).hasScope(Principal.ANALYTICS_SCOPE);
    }

    private static boolean selfOrAnalytics(ServerRequest req, String userId) {
        Principal principal = BearerAuthFilter.principal(req);
        return principal.userId().equals(userId) || principal.hasScope(Principal.ANALYTICS_SCOPE);
    }

    private static List<String> ids(ServerRequest req) {
        JsonNode ids = JsonBody.read(req, MAX_BATCH_BYTES).path("ids");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw ProblemException.badRequest("body must be {\"ids\": [...]} with 1 to " + MAX_BATCH + " ids");
        }
        List<String> list = new ArrayList<>();
        ids.forEach(id -> {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
                throw ProblemException.badRequest("every id must be a non-empty string of at most " + MAX_ID_LENGTH
                        + " characters");
            }
            list.add(id.asText());
        });
        return list.stream().distinct().toList();
    }

    /** Another instance's answer, which is JSON we wrote ourselves. */
    private static JsonNode readTree(byte[] bytes) {
        try {
            return Json.mapper().readTree(bytes);
        } catch (IOException e) {
            throw new UncheckedIOException("Another instance answered with invalid JSON", e);
        }
    }

    private static ProblemException forbidden(ServerRequest req) {
        return ProblemException.forbidden("this token may not read " + req.path().path()
                + ": counts, trending and top lists need the 'analytics' scope; an inbox only its owner");
    }
}
