package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What every Pulse HTTP service owes a careless or hostile client, checked from outside with raw
 * sockets against a running server: every bad token is a 401 problem, requests Helidon refuses before
 * routing get problem bodies, wrong methods 405 with {@code Allow}, HEAD and OPTIONS work, bodies are
 * bounded, stalled requests time out, and none of it writes a warning or a stack trace to the log.
 * {@link SharedRoutingContractTest} runs it against the shared routing alone; each service's IT runs it
 * against the real service.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class HttpServiceContract {

    /** The stall after which the service under test answers 408 (short, so the suite stays fast). */
    protected static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(2);
    /** The body limit of the service under test. */
    protected static final long MAX_BODY_BYTES = 65_536;
    /** The issuer the service under test expects. */
    protected static final String ISSUER = "pulse-test";

    /** The HS256 key the service under test verifies tokens with, base64. */
    protected final String secret = HmacTokens.newSecret();

    /** The port of the running service, on the loopback address. */
    protected abstract int port();

    /** The settings a service must run with (over its own) for this suite: loopback, a free port, the limits above. */
    protected Map<String, String> contractSettings() {
        return Map.of("server.host", "127.0.0.1", "server.port", "0",
                "server.request.timeout.seconds", Long.toString(REQUEST_TIMEOUT.toSeconds()),
                "server.body.max.bytes", Long.toString(MAX_BODY_BYTES),
                "security.jwt.secret", secret, "security.jwt.issuer", ISSUER);
    }

    private String token(String user, String... scopes) {
        return new HmacTokens(Base64.getDecoder().decode(secret), ISSUER)
                .issue(user, List.of(scopes), Duration.ofMinutes(5));
    }

    private String signed(String payload) {
        return RawTokens.hs256(Base64.getDecoder().decode(secret), RawTokens.HS256_HEADER, payload);
    }

    private String claims(String exp) {
        return "{\"sub\":\"ana\",\"iss\":\"" + ISSUER + "\",\"exp\":" + exp + "}";
    }

    Stream<Arguments> badAuthorizations() {
        long inAnHour = Instant.now().plusSeconds(3600).getEpochSecond();
        return Stream.of(
                Arguments.of("no header", null),
                Arguments.of("another scheme", "Basic YW5hOnB3"),
                Arguments.of("empty bearer", "Bearer "),
                Arguments.of("garbage", "Bearer not-a-jwt"),
                Arguments.of("unsigned", "Bearer " + RawTokens.base64Url("{\"alg\":\"none\"}") + "."
                        + RawTokens.base64Url(claims(Long.toString(inAnHour))) + "."),
                Arguments.of("exp a string", "Bearer " + signed(claims("\"tomorrow\""))),
                Arguments.of("exp beyond any instant", "Bearer " + signed(claims("1e20"))),
                Arguments.of("exp an object", "Bearer " + signed(claims("{\"a\":1}"))),
                Arguments.of("nbf a boolean", "Bearer " + signed(claims(inAnHour + ",\"nbf\":true"))),
                Arguments.of("lifetime over the cap", "Bearer " + signed(claims(Long.toString(inAnHour + 365 * 86_400L)))),
                Arguments.of("expired", "Bearer " + signed(claims(Long.toString(inAnHour - 7_200)))),
                Arguments.of("crit header", "Bearer " + RawTokens.hs256(Base64.getDecoder().decode(secret),
                        "{\"alg\":\"HS256\",\"crit\":[\"x\"],\"x\":1}", claims(Long.toString(inAnHour)))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badAuthorizations")
    void shouldRefuseEveryBadTokenWithA401Problem(String name, String authorization) {
        String request = "GET " + ServiceRoutes.SESSION_PATH + " HTTP/1.1\r\nHost: x\r\n"
                + (authorization == null ? "" : "Authorization: " + authorization + "\r\n") + "\r\n";
        try (LogCapture logs = LogCapture.open()) {
            RawHttp.Response response = RawHttp.exchange(port(), request);

            assertThat(response.status()).isEqualTo(401);
            assertThat(response.header("WWW-Authenticate")).hasValueSatisfying(v -> assertThat(v).startsWith("Bearer "));
            assertProblem(response, "unauthorized");
            assertQuiet(logs);
        }
    }

    @Test
    void shouldAcceptAValidTokenWithoutNbfOrIat() {
        String token = signed(claims(Long.toString(Instant.now().plusSeconds(600).getEpochSecond())));

        RawHttp.Response response = get(ServiceRoutes.SESSION_PATH, token);

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAWrongMethodWith405AndAllow() {
        RawHttp.Response response = RawHttp.exchange(port(), "DELETE " + ServiceRoutes.SESSION_PATH
                + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token("ana") + "\r\n\r\n");

        assertThat(response.status()).isEqualTo(405);
        assertThat(response.header("Allow")).hasValue("GET, HEAD, OPTIONS");
        assertProblem(response, "method-not-allowed");
    }

    @Test
    void shouldAnswerHeadWithoutABodyAndKeepTheConnectionUsable() {
        try (RawHttp http = RawHttp.connect(port())) {
            RawHttp.Response head = http.send("HEAD " + ServiceRoutes.SESSION_PATH + " HTTP/1.1\r\nHost: x\r\n"
                    + "Authorization: Bearer " + token("ana") + "\r\n\r\n").readHead();
            RawHttp.Response next = http.send("GET " + ServiceRoutes.HEALTH_PATH + " HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(head.status()).isEqualTo(200);
            assertThat(next.status()).as("the next response on the same connection").isEqualTo(200);
        }
    }

    @Test
    void shouldAnswerOptionsWithTheAllowedMethods() {
        RawHttp.Response response = RawHttp.exchange(port(), "OPTIONS " + ServiceRoutes.SESSION_PATH
                + " HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.header("Allow")).hasValue("GET, HEAD, OPTIONS");
    }

    @Test
    void shouldAnswerAnUnknownPathWithANotFoundProblem() {
        assertProblem(get("/v1/no-such-route", token("ana")), "not-found");
    }

    @Test
    void shouldTellOnlyTheStatusWithoutAToken() throws IOException {
        RawHttp.Response response = RawHttp.exchange(port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

        JsonNode body = Json.mapper().readTree(response.body());
        assertThat(body.fieldNames()).toIterable().containsExactly("status");
    }

    @Test
    void shouldAnswerAnHttp10HealthCheck() {
        RawHttp.Response response = RawHttp.exchange(port(), "GET /health HTTP/1.0\r\n\r\n");

        assertThat(response.status()).isIn(200, 503);
        assertThat(response.bodyText()).contains("\"status\"");
    }

    @Test
    void shouldServeMetricsOnlyToTheMetricsScope() {
        assertThat(get(ServiceMetrics.PATH, token("ana")).status()).isEqualTo(403);

        RawHttp.Response response = get(ServiceMetrics.PATH, token("prometheus", ServiceRoutes.METRICS_SCOPE));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
    }

    Stream<Arguments> refusedBeforeRouting() {
        return Stream.of(
                Arguments.of("bad percent-escape", "GET /v1/%zz HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                Arguments.of("NUL in request line", "GET /v1/\0 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                Arguments.of("URL over 4 KiB", "GET /" + "a".repeat(9000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 414,
                        "uri-too-long"),
                Arguments.of("headers over 16 KiB", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + "b".repeat(20_000)
                        + "\r\n\r\n", 431, "headers-too-large"),
                Arguments.of("Content-Length: abc", "POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n",
                        400, "bad-request"),
                Arguments.of("Content-Length: -1", "POST /v1/x HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n",
                        400, "bad-request"),
                Arguments.of("HTTP/1.2", "GET /health HTTP/1.2\r\nHost: x\r\n\r\n", 505, "http-version-not-supported"),
                Arguments.of("HTTP/1.0 other than /health", "GET /v1/session HTTP/1.0\r\n\r\n", 505,
                        "http-version-not-supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedBeforeRouting")
    void shouldAnswerRequestsRefusedBeforeRoutingWithAProblem(String name, String request, int status, String code) {
        try (LogCapture logs = LogCapture.open()) {
            RawHttp.Response response = RawHttp.exchange(port(), request);

            assertThat(response.status()).isEqualTo(status);
            assertProblem(response, code);
            assertQuiet(logs);
        }
    }

    @Test
    void shouldRefuseABodyOverTheLimitBeforeReadingIt() {
        RawHttp.Response response = RawHttp.exchange(port(), "POST " + ServiceRoutes.SESSION_PATH
                + " HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + (MAX_BODY_BYTES + 1)
                + "\r\n\r\n{");

        assertThat(response.status()).isEqualTo(413);
        assertProblem(response, "payload-too-large");
    }

    @Test
    void shouldAnswerABodyOverTheLimitSentWholeAndKeepTheConnection() {
        String body = "{\"a\":\"" + "x".repeat((int) MAX_BODY_BYTES) + "\"}";
        try (RawHttp http = RawHttp.connect(port())) {
            RawHttp.Response refused = http.send("POST " + ServiceRoutes.SESSION_PATH + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n\r\n" + body).read();
            RawHttp.Response next = http.send("GET " + ServiceRoutes.HEALTH_PATH + " HTTP/1.1\r\nHost: x\r\n\r\n").read();

            assertThat(refused.status()).isEqualTo(413);
            assertProblem(refused, "payload-too-large");
            assertThat(next.status()).isEqualTo(200);
        }
    }

    @Test
    void shouldEndAChunkedBodyFarOverTheLimitWithoutALoggedTrace() {
        String chunk = "x".repeat(8_192);
        StringBuilder request = new StringBuilder("POST " + ServiceRoutes.SESSION_PATH + " HTTP/1.1\r\nHost: x\r\n"
                + "Authorization: Bearer " + token("alice") + "\r\nContent-Type: application/json\r\n"
                + "Transfer-Encoding: chunked\r\n\r\n");
        for (long sent = 0; sent <= 3 * MAX_BODY_BYTES; sent += chunk.length()) {
            request.append(Integer.toHexString(chunk.length())).append("\r\n").append(chunk).append("\r\n");
        }
        request.append("0\r\n\r\n");
        try (LogCapture logs = LogCapture.open(); RawHttp http = RawHttp.connect(port())) {
            RawHttp.Response response = http.send(request.toString()).read();

            assertThat(response.status()).isEqualTo(405);
            assertThat(http.awaitClosedByServer()).isTrue();
            assertQuiet(logs);
        }
    }

    @Test
    void shouldTimeOutAStalledRequestWith408() {
        try (RawHttp http = RawHttp.connect(port(), REQUEST_TIMEOUT.multipliedBy(3))) {
            long start = System.nanoTime();
            RawHttp.Response response = http.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Partial: ").read();
            Duration waited = Duration.ofNanos(System.nanoTime() - start);

            assertThat(response.status()).isEqualTo(408);
            assertProblem(response, "request-timeout");
            assertThat(waited).isBetween(REQUEST_TIMEOUT.minusMillis(200), REQUEST_TIMEOUT.multipliedBy(2));
        }
    }

    @Test
    void shouldStayQuietWhenAClientLeavesMidRequest() {
        try (LogCapture logs = LogCapture.openWithConnectionEvents()) {
            try (RawHttp http = RawHttp.connect(port())) {
                http.send("GET /health HTTP/1.1\r\nHost: x\r\nX-Half: ");
            }
            try (RawHttp http = RawHttp.connect(port())) {
                http.send("POST " + ServiceRoutes.SESSION_PATH + " HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n"
                        + "Authorization: Bearer " + token("ana") + "\r\n\r\n0123456789");
            }
            await().atMost(Duration.ofSeconds(10)).until(() -> logs.closedConnections() >= 2);

            assertQuiet(logs);
        }
    }

    private RawHttp.Response get(String path, String token) {
        return RawHttp.exchange(port(), "GET " + path + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                + "\r\n\r\n");
    }

    private static JsonNode assertProblem(RawHttp.Response response, String code) {
        assertThat(response.contentType()).hasValue(Problem.CONTENT_TYPE);
        try {
            JsonNode problem = Json.mapper().readTree(response.body());
            assertThat(problem.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
            assertThat(problem.path("status").asInt()).isEqualTo(response.status());
            return problem;
        } catch (IOException e) {
            throw new AssertionError("not a JSON problem: " + response.bodyText(), e);
        }
    }

    private static void assertQuiet(LogCapture logs) {
        assertThat(logs.warningsOrWorse()).as(LogCapture.describe(logs.warningsOrWorse())).isEmpty();
        assertThat(logs.withStackTrace()).as(LogCapture.describe(logs.withStackTrace())).isEmpty();
    }
}
