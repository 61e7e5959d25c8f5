package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRoute;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** A Helidon {@link HttpService} registered through {@link Routes#register} keeps the shared routing's rules. */
@ServerTest
class RegisteredServiceTest {

    private static final byte[] SECRET = Base64.getDecoder().decode(HmacTokens.newSecret());
    private static final ServiceMetrics METRICS = new ServiceMetrics("test-service");

    private final Http1Client client;
    private final HmacTokens tokens = new HmacTokens(SECRET, "pulse-test");

    RegisteredServiceTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(SECRET), Optional.empty(),
                Optional.of("pulse-test"), Optional.empty(), Duration.ofSeconds(5), Duration.ofHours(24)));
        ServiceRoutes.Shared shared = new ServiceRoutes.Shared("test-service", verifier, Map.of(), List.of(), METRICS);
        ServiceRoutes.routing(routing, shared, routes -> routes.register("/v1/shelves", new ShelfService())
                .allowWithoutToken("/v1/shelves/opening-hours"));
    }

    /** A route group as a service: patterns relative to where it is registered. */
    private static final class ShelfService implements HttpService {

        @Override
        public void routing(HttpRules rules) {
            rules.get("/opening-hours", (req, res) -> Json.send(res, Status.OK_200, Map.of("open", "9-17")))
                    .get("/{shelf}/books", (req, res) -> Json.send(res, Status.OK_200, Map.of(
                            "shelf", req.path().pathParameters().get("shelf"),
                            "path", ServiceRoutes.wholePath(req))))
                    .delete("/{shelf}/books", (req, res) -> {
                        throw ProblemException.forbidden("shelves are read-only");
                    });
        }
    }

    @Test
    void shouldServeTheServiceUnderItsPathWithTheWholePath() {
        try (Http1ClientResponse res = authorized(client.get("/v1/shelves/s1/books")).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            JsonNode body = json(res);
            assertThat(body.path("shelf").asText()).isEqualTo("s1");
            assertThat(body.path("path").asText()).isEqualTo("/v1/shelves/s1/books");
        }
    }

    @Test
    void shouldTimeTheServicesRequestsByTheWholeRouteTemplate() {
        try (Http1ClientResponse res = authorized(client.get("/v1/shelves/s2/books")).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
        }

        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(METRICS.registry()
                .find(HttpMetrics.TIMER_NAME).tag("route", "/v1/shelves/{shelf}/books").timers()).isNotEmpty());
    }

    @Test
    void shouldServeAPathAllowedWithoutTokenToACallerWithNone() {
        try (Http1ClientResponse res = client.get("/v1/shelves/opening-hours").request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
        }
    }

    @Test
    void shouldStillRequireATokenOnTheServicesOtherRoutes() {
        try (Http1ClientResponse res = client.get("/v1/shelves/s1/books").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
        }
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndTheServicesMethods() {
        try (Http1ClientResponse res = authorized(client.put("/v1/shelves/s1/books")).request()) {
            assertThat(res.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
            assertThat(res.headers().first(HeaderNames.ALLOW)).hasValue("GET, HEAD, DELETE, OPTIONS");
        }
    }

    @Test
    void shouldAnswerHeadLikeTheServicesGetWithoutABody() {
        try (Http1ClientResponse res = authorized(client.head("/v1/shelves/s1/books")).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.entity().hasEntity()).isFalse();
        }
    }

    @Test
    void shouldNameTheWholePathInAProblemFromTheService() {
        try (Http1ClientResponse res = authorized(client.delete("/v1/shelves/s1/books")).request()) {
            assertThat(res.status()).isEqualTo(Status.FORBIDDEN_403);
            assertThat(json(res).path("instance").asText()).isEqualTo("/v1/shelves/s1/books");
        }
    }

    @Test
    void shouldRefuseAPrebuiltRouteWhoseMethodsItCannotSee() {
        HttpRouting.Builder routing = HttpRouting.builder();
        HttpService opaque = rules -> rules.route(HttpRoute.builder().methods(Method.GET).path("/x")
                .handler((req, res) -> res.send()).build());
        new Routes(routing, new ServiceMetrics("test-service").registry()).register("/v1/opaque", opaque);

        assertThatThrownBy(routing::build)
                .isInstanceOf(UnsupportedOperationException.class)
                .hasMessageContaining("declare it by method and path pattern");
    }

    private <T extends io.helidon.webclient.api.ClientRequest<T>> T authorized(T request) {
        return request.header(HeaderNames.AUTHORIZATION, "Bearer " + tokens.issue("ana", List.of(), Duration.ofMinutes(5)));
    }

    private static JsonNode json(Http1ClientResponse res) {
        try {
            return Json.mapper().readTree(res.as(String.class));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
