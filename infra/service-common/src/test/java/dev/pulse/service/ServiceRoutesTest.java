package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

@ServerTest
class ServiceRoutesTest {

    private static final byte[] SECRET = Base64.getDecoder().decode(HmacTokens.newSecret());
    private static final AtomicBoolean DEPENDENCY_UP = new AtomicBoolean(true);

    private final Http1Client client;
    private final HmacTokens tokens = new HmacTokens(SECRET, "pulse-test");

    ServiceRoutesTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(SECRET), Optional.empty(),
                Optional.of("pulse-test"), Optional.empty(), Duration.ofSeconds(5), JwtSettings.DEFAULT_MAX_LIFETIME));
        HealthCheck dependency = () -> DEPENDENCY_UP.get()
                ? HealthCheck.Result.up("fine") : HealthCheck.Result.down("gone");
        ServiceRoutes.routing(routing, "test-service", verifier, Map.of("dependency", dependency),
                r -> r.get("/v1/boom", (req, res) -> {
                    throw new IllegalStateException("secret internals");
                }));
    }

    @AfterEach
    void restore() {
        DEPENDENCY_UP.set(true);
    }

    @Test
    void shouldAnswerHealthWithoutAToken() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.HEALTH_PATH).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            JsonNode body = json(res);
            assertThat(body.path("status").asText()).isEqualTo("UP");
            assertThat(body.path("checks").path("dependency").path("detail").asText()).isEqualTo("fine");
        }
    }

    @Test
    void shouldReportServiceUnavailableWhenACheckIsDown() {
        DEPENDENCY_UP.set(false);

        try (Http1ClientResponse res = client.get(ServiceRoutes.HEALTH_PATH).request()) {
            assertThat(res.status()).isEqualTo(Status.SERVICE_UNAVAILABLE_503);
            assertThat(json(res).path("status").asText()).isEqualTo("DOWN");
        }
    }

    @Test
    void shouldRefuseARequestWithoutTokenWithAProblem() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.SESSION_PATH).request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(res.headers().contentType().map(Object::toString)).hasValue(Problem.CONTENT_TYPE);
            assertThat(res.headers().first(HeaderNames.WWW_AUTHENTICATE)).hasValue(
                    "Bearer error_description=\"missing bearer token\"");
            JsonNode body = json(res);
            assertThat(body.path("type").asText()).isEqualTo("urn:pulse:problem:unauthorized");
            assertThat(body.path("status").asInt()).isEqualTo(401);
        }
    }

    @Test
    void shouldRefuseAnInvalidTokenNamingTheReason() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.SESSION_PATH)
                .header(HeaderNames.AUTHORIZATION, "Bearer not-a-jwt").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(res.headers().first(HeaderNames.WWW_AUTHENTICATE)).hasValue(
                    "Bearer error=\"invalid_token\", error_description=\"malformed token\"");
        }
    }

    @Test
    void shouldTellTheCallerWhoTheTokenSaysTheyAre() {
        String token = tokens.issue("ana", List.of("analytics"), Duration.ofMinutes(5));

        try (Http1ClientResponse res = client.get(ServiceRoutes.SESSION_PATH)
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            JsonNode body = json(res);
            assertThat(body.path("userId").asText()).isEqualTo("ana");
            assertThat(body.path("scopes").get(0).asText()).isEqualTo("analytics");
        }
    }

    @Test
    void shouldAnswerAnUnknownPathWithANotFoundProblem() {
        String token = tokens.issue("ana", List.of(), Duration.ofMinutes(5));

        try (Http1ClientResponse res = client.get("/v1/nothing-here")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            assertThat(res.status()).isEqualTo(Status.NOT_FOUND_404);
            assertThat(json(res).path("detail").asText()).isEqualTo("No route for GET /v1/nothing-here");
        }
    }

    @Test
    void shouldHideInternalsOfAFailingHandlerBehindAProblem() {
        String token = tokens.issue("ana", List.of(), Duration.ofMinutes(5));

        try (Http1ClientResponse res = client.get("/v1/boom")
                .header(HeaderNames.AUTHORIZATION, "Bearer " + token).request()) {
            assertThat(res.status()).isEqualTo(Status.INTERNAL_SERVER_ERROR_500);
            JsonNode body = json(res);
            assertThat(body.path("type").asText()).isEqualTo("urn:pulse:problem:internal");
            assertThat(body.toString()).doesNotContain("secret internals");
        }
    }

    private static JsonNode json(Http1ClientResponse res) {
        try {
            return Json.mapper().readTree(res.as(String.class));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
