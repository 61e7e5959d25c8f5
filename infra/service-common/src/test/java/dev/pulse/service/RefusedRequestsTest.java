package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RefusedRequestsTest {

    /** Put in each malformed part, so an answer that quotes the request shows it. */
    private static final String MARKER = "zq9";

    private HardenedServer server;

    @BeforeAll
    void startServer() {
        server = HardenedServer.start(Duration.ofSeconds(30));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> refusedRequests() {
        return Stream.of(
                refused("bad percent-escape in path", "GET /a%" + MARKER + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        400, "bad-request"),
                refused("bad percent-escape in query", "GET /health?a=%" + MARKER + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        400, "bad-request"),
                refused("NUL in request line", "GET /" + MARKER + "\0 HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                refused("space in path", "GET /" + MARKER + " x HTTP/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                refused("request line over 4 KiB", "GET /" + MARKER.repeat(2000) + " HTTP/1.1\r\nHost: x\r\n\r\n",
                        414, "uri-too-long"),
                refused("headers over 16 KiB", "GET /health HTTP/1.1\r\nHost: x\r\nX-Big: " + MARKER.repeat(7000)
                        + "\r\n\r\n", 431, "headers-too-large"),
                refused("header without colon", "GET /health HTTP/1.1\r\nHost: x\r\n" + MARKER + "\r\n\r\n",
                        400, "bad-request"),
                refused("Content-Length not a number", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: " + MARKER
                        + "\r\n\r\n", 400, "bad-request"),
                refused("invalid Host", "GET /health HTTP/1.1\r\nHost: a " + MARKER + "<>\r\n\r\n", 400, "bad-request"),
                refused("missing Host", "GET /health HTTP/1.1\r\n\r\n", 400, "bad-request"),
                refused("HTTP/1.2", "GET /health HTTP/1.2\r\nHost: x\r\n\r\n", 505, "http-version-not-supported"),
                refused("HTTP/2.0 as text", "GET /health HTTP/2.0\r\nHost: x\r\n\r\n", 505,
                        "http-version-not-supported"),
                refused("HTTP/2 prior-knowledge preface", "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n", 505,
                        "http-version-not-supported"),
                refused("unknown protocol", "GET /health " + MARKER + "/1.1\r\nHost: x\r\n\r\n", 400, "bad-request"),
                refused("a line of words", "hello " + MARKER + "\r\n\r\n", 400, "bad-request"),
                refused("binary garbage", "\u0001\u0002" + MARKER + "\u00ff\r\n\r\n", 400, "bad-request"),
                refused("bare LF line ends", "GET /health HTTP/1.1\nHost: " + MARKER + "\n\n", 400, "bad-request"),
                refused("Content-Length with chunked", "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                        + "Transfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n0\r\n\r\n", 400, "bad-request"),
                refused("Transfer-Encoding other than chunked", "POST /echo HTTP/1.1\r\nHost: x\r\n"
                        + "Transfer-Encoding: " + MARKER + "\r\n\r\n", 501, "not-implemented"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void shouldAnswerARequestRefusedBeforeRoutingWithAProblem(String name, String request, int status, String code) {
        try (RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Response response = http.send(request).read();

            assertThat(response.status()).isEqualTo(status);
            assertThat(response.contentType()).hasValue(Problem.CONTENT_TYPE);
            assertThat(response.header("Connection")).hasValue("close");
            JsonNode problem = json(response);
            assertThat(problem.path("type").asText()).isEqualTo("urn:pulse:problem:" + code);
            assertThat(problem.path("status").asInt()).isEqualTo(status);
            assertThat(problem.path("detail").asText()).isNotBlank();
            assertThat(response.bodyText()).doesNotContain(MARKER);
            assertThat(http.awaitClosedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "chunk size {0}")
    @ValueSource(strings = {MARKER, "ffffffff", "-3"})
    void shouldAnswerAnInvalidChunkSizeWithABadRequestProblem(String size) {
        String request = "POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n" + size
                + "\r\nabc\r\n0\r\n\r\n";

        RawHttp.Response response = RawHttp.exchange(server.port(), request);

        assertThat(response.status()).isEqualTo(400);
        assertThat(json(response).path("type").asText()).isEqualTo("urn:pulse:problem:bad-request");
        assertThat(response.bodyText()).doesNotContain(MARKER);
    }

    @Test
    void shouldAnswerABodyOverTheListenersLimitWithAPayloadTooLargeProblem() {
        try (HardenedServer limited = HardenedServer.start(RequestTimeouts.of(Duration.ofSeconds(30)), () -> true,
                builder -> builder.maxPayloadSize(4))) {
            RawHttp.Response response = RawHttp.exchange(limited.port(),
                    "POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");

            assertThat(response.status()).isEqualTo(413);
            assertThat(json(response).path("type").asText()).isEqualTo("urn:pulse:problem:payload-too-large");
        }
    }

    @Test
    void shouldStillServeAWellFormedRequest() {
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /health HTTP/1.1\r\nHost: x\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
    }

    private static Arguments refused(String name, String request, int status, String code) {
        return Arguments.of(name, request, status, code);
    }

    static JsonNode json(RawHttp.Response response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new AssertionError("Not JSON: " + response.bodyText(), e);
        }
    }
}
