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
                Optional.of("pulse-test"), Optional.empty(), Duration.ofSeconds(5), Duration.ofHours(24)));
        HealthCheck dependency = () -> DEPENDENCY_UP.get()
                ? HealthCheck.Result.up("fine") : HealthCheck.Result.down("gone");
        ServiceRoutes.Shared shared = new ServiceRoutes.Shared("test-service", verifier,
                Map.of("dependency", dependency), List.of("https://app.example"), new ServiceMetrics("test-service"));
        ServiceRoutes.routing(routing, shared, r -> r.get("/v1/boom", (req, res) -> {
                    throw new IllegalStateException("secret internals");
                })
                .get("/v1/items/{id}", (req, res) -> Json.send(res, Status.OK_200,
                        Map.of("id", req.path().pathParameters().get("id"),
                                "page", QueryParams.integer(req, "page", 1, 1, 100))))
                .post("/v1/items", (req, res) -> Json.send(res, Status.OK_200, JsonBody.read(req, 256)))
                .delete("/v1/items/{id}", (req, res) -> res.status(Status.NO_CONTENT_204).send()));
    }

    @AfterEach
    void restore() {
        DEPENDENCY_UP.set(true);
    }

    @Test
    void shouldAnswerHealthWithoutATokenWithTheStatusOnly() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.HEALTH_PATH).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(json(res).toString()).isEqualTo("{\"status\":\"UP\"}");
        }
    }

    @Test
    void shouldShowHealthDetailsToAVerifiedCaller() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.HEALTH_PATH).header(HeaderNames.AUTHORIZATION,
                "Bearer " + tokens.issue("ana", List.of(), Duration.ofMinutes(5))).request()) {
            JsonNode body = json(res);
            assertThat(body.path("service").asText()).isEqualTo("test-service");
            assertThat(body.path("checks").path("dependency").path("detail").asText()).isEqualTo("fine");
        }
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndTheAllowedOnes() {
        try (Http1ClientResponse res = authorized(client.put("/v1/items/7")).request()) {
            assertThat(res.status()).isEqualTo(Status.METHOD_NOT_ALLOWED_405);
            assertThat(res.headers().first(HeaderNames.ALLOW)).hasValue("GET, HEAD, DELETE, OPTIONS");
            assertProblem(res, "method-not-allowed");
        }
    }

    @Test
    void shouldAnswerHeadLikeGetWithoutABody() {
        try (Http1ClientResponse res = authorized(client.head("/v1/items/7")).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().contentType().map(Object::toString)).hasValue("application/json");
            assertThat(res.entity().hasEntity()).isFalse();
        }
        try (Http1ClientResponse res = client.get(ServiceRoutes.HEALTH_PATH).request()) {
            assertThat(res.status()).as("the connection is still usable after HEAD").isEqualTo(Status.OK_200);
        }
    }

    @Test
    void shouldAnswerOptionsWithoutATokenNamingTheAllowedMethods() {
        try (Http1ClientResponse res = client.method(io.helidon.http.Method.OPTIONS).path("/v1/items").request()) {
            assertThat(res.status()).isEqualTo(Status.NO_CONTENT_204);
            assertThat(res.headers().first(HeaderNames.ALLOW)).hasValue("POST, OPTIONS");
        }
    }

    @Test
    void shouldAnswerACorsPreflightFromAnAllowedOrigin() {
        try (Http1ClientResponse res = client.method(io.helidon.http.Method.OPTIONS).path("/v1/items")
                .header(HeaderNames.ORIGIN, "https://app.example")
                .header(CorsFilter.REQUEST_METHOD, "POST").request()) {
            assertThat(res.status()).isEqualTo(Status.NO_CONTENT_204);
            assertThat(res.headers().first(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).hasValue("https://app.example");
            assertThat(res.headers().first(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS)).hasValue("POST, OPTIONS");
            assertThat(res.headers().first(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS).orElse(""))
                    .contains("Authorization");
        }
    }

    @Test
    void shouldGiveNoCorsHeadersToAnotherOrigin() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.SESSION_PATH)
                .header(HeaderNames.ORIGIN, "https://evil.example").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(res.headers().contains(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).isFalse();
        }
    }

    @Test
    void shouldLetAnAllowedOriginReadARefusal() {
        try (Http1ClientResponse res = client.get(ServiceRoutes.SESSION_PATH)
                .header(HeaderNames.ORIGIN, "https://app.example").request()) {
            assertThat(res.status()).isEqualTo(Status.UNAUTHORIZED_401);
            assertThat(res.headers().first(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN)).hasValue("https://app.example");
        }
    }

    @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
    @org.junit.jupiter.params.provider.CsvSource(delimiter = '|', value = {
            "empty body|application/json||400|invalid-request|empty",
            "trailing data|application/json|{\"a\":1} {\"b\":2}|400|invalid-request|more data after the JSON document",
            "truncated|application/json|{\"a\":|400|invalid-request|ends in the middle",
            "garbage|application/json|{a:1}|400|invalid-request|unexpected character",
            "duplicate member|application/json|{\"a\":1,\"a\":2}|400|invalid-request|appears twice",
            "too deep|application/json|[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[[]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]]|400|invalid-request|nests deeper than 32",
            "too large|application/json|{\"a\":\"xxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxxx\"}|413|payload-too-large|256 bytes",
            "wrong type|text/plain|{\"a\":1}|415|unsupported-media-type|application/json",
            "wrong charset|application/json; charset=ISO-8859-1|{\"a\":1}|415|unsupported-media-type|UTF-8",
    })
    void shouldRefuseABadBodyInOurOwnWords(String name, String contentType, String body, int status, String code,
                                          String detail) {
        try (Http1ClientResponse res = authorized(client.post("/v1/items"))
                .header(HeaderNames.CONTENT_TYPE, contentType).submit(body == null ? "" : body)) {
            assertThat(res.status().code()).isEqualTo(status);
            JsonNode problem = assertProblem(res, code);
            assertThat(problem.path("detail").asText()).contains(detail)
                    .doesNotContain("jackson", "Jackson", "StreamRead", "com.fasterxml", "Exception");
        }
    }

    @Test
    void shouldAcceptOneValidJsonDocument() {
        try (Http1ClientResponse res = authorized(client.post("/v1/items"))
                .header(HeaderNames.CONTENT_TYPE, "application/json").submit("{\"a\":[1,2]}")) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(json(res).path("a").get(1).asInt()).isEqualTo(2);
        }
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.ValueSource(strings = {"0", "101", "-1", "abc", "1.5", "9223372036854775807",
            "9223372036854775808", "99999999999999999999999", ""})
    void shouldRefuseANumericParameterOutOfRange(String page) {
        try (Http1ClientResponse res = authorized(client.get("/v1/items/7").queryParam("page", page)).request()) {
            assertThat(res.status()).isEqualTo(Status.BAD_REQUEST_400);
            assertThat(assertProblem(res, "invalid-request").path("detail").asText())
                    .isEqualTo("query parameter 'page' must be a whole number from 1 to 100");
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

    private <T extends io.helidon.webclient.api.ClientRequest<T>> T authorized(T request) {
        return request.header(HeaderNames.AUTHORIZATION, "Bearer " + tokens.issue("ana", List.of(), Duration.ofMinutes(5)));
    }

    private static JsonNode assertProblem(Http1ClientResponse res, String code) {
        assertThat(res.headers().contentType().map(Object::toString)).hasValue(Problem.CONTENT_TYPE);
        JsonNode body = json(res);
        assertThat(body.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
        assertThat(body.path("status").asInt()).isEqualTo(res.status().code());
        return body;
    }

    private static JsonNode json(Http1ClientResponse res) {
        try {
            return Json.mapper().readTree(res.as(String.class));
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
