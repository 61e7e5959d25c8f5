package dev.pulse.processor.query;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Json;
import dev.pulse.service.JwtSettings;
import dev.pulse.service.JwtVerifier;
import dev.pulse.service.Principal;
import dev.pulse.service.Problem;
import dev.pulse.service.ServiceMetrics;
import dev.pulse.service.ServiceRoutes;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.api.ClientRequest;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.io.IOException;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.state.HostInfo;
import org.junit.jupiter.api.Test;

/**
 * The query routes' rules, without a broker: the streams application never starts, so every store is
 * "not ready"; keys named {@code elsewhere...} are owned by an instance nobody listens for.
 */
@ServerTest
class QueryRoutesTest {

    private static final byte[] SECRET = Base64.getDecoder().decode(HmacTokens.newSecret());
    private static final String ISSUER = "pulse-test";

    private final Http1Client client;
    private final HmacTokens tokens = new HmacTokens(SECRET, ISSUER);

    QueryRoutesTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(SECRET), Optional.empty(),
                Optional.of(ISSUER), Optional.empty(), Duration.ofSeconds(5), Duration.ofHours(24)));
        ServiceRoutes.Shared shared = new ServiceRoutes.Shared("stream-processor", verifier, Map.of(), List.of(),
                new ServiceMetrics("stream-processor"));
        RunningStreams notStarted = new RunningStreams(Optional::empty);
        ServiceRoutes.routing(routing, shared, routes -> QueryRoutes.register(routes,
                new UnreachableOwners(new StreamsStoreMetadata(notStarted, () -> new HostInfo("127.0.0.1", 8081))),
                new StoreQueries(notStarted, new OpenWrites(Duration.ZERO))));
    }

    /** Keys named {@code elsewhere...} live on an instance nobody listens for; the rest as the real metadata says. */
    private record UnreachableOwners(StoreMetadata real) implements StoreMetadata {

        @Override
        public HostInfo self() {
            return real.self();
        }

        @Override
        public Placement placement(String store, String key) {
            return key.startsWith("elsewhere") ? new Placement(0, new HostInfo("127.0.0.1", 1), false, false)
                    : real.placement(store, key);
        }

        @Override
        public long lag(String store, int partition) {
            return real.lag(store, partition);
        }

        @Override
        public List<HostInfo> hostsOf(String store) {
            return real.hostsOf(store);
        }
    }

    @Test
    void shouldRefuseARequestWithoutAToken() {
        try (Http1ClientResponse res = client.get("/v1/posts/p1/counts").request()) {
            assertProblem(res, Status.UNAUTHORIZED_401, "unauthorized");
        }
    }

    @Test
    void shouldRefuseATopListToATokenWithoutTheAnalyticsScope() {
        try (Http1ClientResponse res = as(client.get("/v1/posts/top"), "u1").request()) {
            JsonNode problem = assertProblem(res, Status.FORBIDDEN_403, "forbidden");
            assertThat(problem.path("detail").asText()).contains("/v1/posts/top", "'analytics' scope");
        }
    }

    @Test
    void shouldRefuseABatchToATokenWithoutTheAnalyticsScope() {
        try (Http1ClientResponse res = as(client.post("/v1/counts/users"), "u1")
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"ids\":[\"u1\"]}")) {
            assertProblem(res, Status.FORBIDDEN_403, "forbidden");
        }
    }

    @Test
    void shouldRefuseAnotherUsersInbox() {
        try (Http1ClientResponse res = as(client.get("/v1/users/u2/inbox"), "u1").request()) {
            assertThat(assertProblem(res, Status.FORBIDDEN_403, "forbidden").path("instance").asText())
                    .isEqualTo("/v1/users/u2/inbox");
        }
    }

    @Test
    void shouldRefuseAnotherUsersBadge() {
        try (Http1ClientResponse res = as(client.get("/v1/users/u2/inbox/counts"), "u1").request()) {
            assertProblem(res, Status.FORBIDDEN_403, "forbidden");
        }
    }

    @Test
    void shouldRefuseAnInboxLimitOutOfRange() {
        try (Http1ClientResponse res = as(client.get("/v1/users/u1/inbox"), "u1")
                .queryParam("limit", "0").request()) {
            assertThat(assertProblem(res, Status.BAD_REQUEST_400, "invalid-request").path("detail").asText())
                    .isEqualTo("query parameter 'limit' must be a whole number from 1 to 200");
        }
    }

    @Test
    void shouldRefuseAnUnknownInboxState() {
        try (Http1ClientResponse res = as(client.get("/v1/users/u1/inbox"), "u1")
                .queryParam("state", "unseen").request()) {
            assertThat(assertProblem(res, Status.BAD_REQUEST_400, "invalid-request").path("detail").asText())
                    .contains("'state' must be one of [unread, all, archived]");
        }
    }

    @Test
    void shouldRefuseAnUnknownNotificationType() {
        try (Http1ClientResponse res = as(client.get("/v1/users/u1/inbox"), "u1")
                .queryParam("types", "LIKE,POKE").request()) {
            assertProblem(res, Status.BAD_REQUEST_400, "invalid-request");
        }
    }

    @Test
    void shouldRefuseATopListLongerThanAThousand() {
        try (Http1ClientResponse res = analyst(client.get("/v1/posts/top")).queryParam("n", "1001").request()) {
            assertProblem(res, Status.BAD_REQUEST_400, "invalid-request");
        }
    }

    @Test
    void shouldRefuseABatchWithoutIds() {
        try (Http1ClientResponse res = analyst(client.post("/v1/counts/posts"))
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"ids\":[]}")) {
            assertThat(assertProblem(res, Status.BAD_REQUEST_400, "invalid-request").path("detail").asText())
                    .contains("1 to 1000 ids");
        }
    }

    @Test
    void shouldRefuseABatchWithAnIdThatIsNotAString() {
        try (Http1ClientResponse res = analyst(client.post("/v1/counts/posts"))
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"ids\":[\"p1\", 7]}")) {
            assertThat(assertProblem(res, Status.BAD_REQUEST_400, "invalid-request").path("detail").asText())
                    .contains("every id must be a non-empty string");
        }
    }

    @Test
    void shouldAnswerAnUnknownRouteUnderTheQueryPathsWithNotFound() {
        try (Http1ClientResponse res = analyst(client.get("/v1/posts/p1/likes")).request()) {
            assertProblem(res, Status.NOT_FOUND_404, "not-found");
        }
    }

    @Test
    void shouldAnswerAnotherMethodOnAQueryRouteWithTheAllowedOnes() {
        try (Http1ClientResponse res = analyst(client.delete("/v1/trending")).request()) {
            assertProblem(res, Status.METHOD_NOT_ALLOWED_405, "method-not-allowed");
            assertThat(res.headers().first(HeaderNames.ALLOW)).hasValue("GET, HEAD, OPTIONS");
        }
    }

    @Test
    void shouldAskToRetryWhileTheStreamsApplicationStarts() {
        try (Http1ClientResponse res = analyst(client.get("/v1/trending")).request()) {
            assertNotReady(res, "the stream processor is starting");
        }
    }

    @Test
    void shouldAskToRetryATopListWhileTheStreamsApplicationStarts() {
        try (Http1ClientResponse res = analyst(client.get("/v1/posts/top")).request()) {
            assertNotReady(res, "the stream processor is starting");
        }
    }

    @Test
    void shouldAskToRetryWhenTheOwnerIsUnreachableAndNoReplicaIsHere() {
        try (Http1ClientResponse res = analyst(client.get("/v1/posts/elsewhere-1/counts")).request()) {
            assertNotReady(res, "(127.0.0.1:1) is unreachable");
        }
    }

    @Test
    void shouldAskToRetryAForwardedRequestForAKeyThatIsNotHere() {
        try (Http1ClientResponse res = analyst(client.get("/v1/users/elsewhere-2/counts"))
                .header(Forwarder.FORWARDED, "127.0.0.1:8082").request()) {
            assertNotReady(res, "ownership of 'elsewhere-2' is moving between instances");
        }
    }

    private <T extends ClientRequest<T>> T analyst(T request) {
        return request.header(HeaderNames.AUTHORIZATION, "Bearer "
                + tokens.issue("analyst", List.of(Principal.ANALYTICS_SCOPE), Duration.ofMinutes(5)));
    }

    private <T extends ClientRequest<T>> T as(T request, String userId) {
        return request.header(HeaderNames.AUTHORIZATION, "Bearer " + tokens.issue(userId, List.of(), Duration.ofMinutes(5)));
    }

    private static void assertNotReady(Http1ClientResponse res, String reason) {
        JsonNode problem = assertProblem(res, Status.SERVICE_UNAVAILABLE_503, "not-ready");
        assertThat(res.headers().first(HeaderNames.RETRY_AFTER)).hasValue("1");
        assertThat(problem.path("detail").asText()).contains(reason);
    }

    private static JsonNode assertProblem(Http1ClientResponse res, Status status, String code) {
        assertThat(res.status()).isEqualTo(status);
        assertThat(res.headers().contentType().map(Object::toString)).hasValue(Problem.CONTENT_TYPE);
        JsonNode body = json(res);
        assertThat(body.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
        assertThat(body.path("status").asInt()).isEqualTo(status.code());
        return body;
    }

    private static JsonNode json(Http1ClientResponse res) {
        try {
            return Json.mapper().readTree(res.as(String.class));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
