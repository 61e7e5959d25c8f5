package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ContentLengthTest {

    /** Far below the request timeout: the refusal must not wait for a body. */
    private static final Duration AT_ONCE = Duration.ofSeconds(2);

    private HardenedServer server;

    @BeforeAll
    void startServer() {
        server = HardenedServer.start(Duration.ofSeconds(30));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @ParameterizedTest(name = "Content-Length: {0}")
    @ValueSource(strings = {"-1", "-5", "99999999999999999999", "+5", "5, 5", "0x10", "1e3", ""})
    void shouldRefuseAContentLengthThatIsNotOneNonNegativeNumberAtOnce(String length) {
        try (RawHttp http = RawHttp.connect(server.port(), AT_ONCE)) {
            RawHttp.Response response = http.send("POST " + HardenedServer.ECHO_PATH + " HTTP/1.1\r\nHost: x\r\n"
                    + "Content-Length: " + length + "\r\n\r\nabc").read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(RefusedRequestsTest.json(response).path("type").asText())
                    .isEqualTo("urn:pulse:problem:bad-request");
            assertThat(http.awaitClosedByServer()).isTrue();
        }
    }

    @ParameterizedTest(name = "Content-Length: {0}")
    @ValueSource(strings = {"-1", "99999999999999999999"})
    void shouldRefuseANegativeOrOverflowingContentLengthOnARouteThatIgnoresTheBody(String length) {
        try (RawHttp http = RawHttp.connect(server.port(), AT_ONCE)) {
            RawHttp.Response response = http.send("GET /health HTTP/1.1\r\nHost: x\r\nContent-Length: " + length
                    + "\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(400);
        }
    }

    @ParameterizedTest(name = "twice: {0}")
    @ValueSource(strings = {"3", "4"})
    void shouldRefuseARepeatedContentLength(String second) {
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST " + HardenedServer.ECHO_PATH
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\nContent-Length: " + second + "\r\n\r\nabc");

        assertThat(response.status()).isEqualTo(400);
    }

    @ParameterizedTest(name = "Content-Length: {0}")
    @ValueSource(strings = {"3", " 3", "003"})
    void shouldServeAWellFormedContentLength(String length) {
        RawHttp.Response response = RawHttp.exchange(server.port(), "POST " + HardenedServer.ECHO_PATH
                + " HTTP/1.1\r\nHost: x\r\nContent-Length: " + length + "\r\n\r\nabc");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.bodyText()).isEqualTo("abc");
    }
}
