package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.io.EOFException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SlowRequestTimeoutTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** How late a timeout may fire: scheduling, a loaded 2-core machine. */
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String PARTIAL_HEADERS = "GET /health HTTP/1.1\r\nHost: x\r\nAccept: ";

    private HardenedServer server;
    private LogCapture logs;

    @BeforeEach
    void start() {
        logs = LogCapture.open();
        server = HardenedServer.start(TIMEOUT);
    }

    @AfterEach
    void stop() {
        server.close();
        logs.close();
    }

    @Test
    void shouldAnswer408WhenHeadersStopHalfWay() {
        long started = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.port())) {

            RawHttp.Response response = http.send(PARTIAL_HEADERS).read();

            assertTimedOut(response, started);
            assertThat(http.awaitClosedByServer()).isTrue();
        }
        assertQuietLog();
    }

    @Test
    void shouldAnswer408WhenOnlyTheRequestLineCame() {
        long started = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.port())) {

            RawHttp.Response response = http.send("GET /health HTTP/1.1\r\n").read();

            assertTimedOut(response, started);
        }
        assertQuietLog();
    }

    @Test
    void shouldAnswer408WhenAConnectionSendsNothing() {
        long started = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.port())) {

            RawHttp.Response response = http.read();

            assertTimedOut(response, started);
        }
        assertQuietLog();
    }

    @Test
    void shouldNotLetAHeaderEveryFewHundredMillisecondsExtendTheDeadline() {
        ScheduledExecutorService drip = Executors.newSingleThreadScheduledExecutor();
        long started = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("GET /health HTTP/1.1\r\nHost: x\r\n");
            drip.scheduleAtFixedRate(() -> http.send("X-Drip: 1\r\n"), 200, 200, TimeUnit.MILLISECONDS);

            RawHttp.Response response = http.read();

            assertTimedOut(response, started);
        } finally {
            drip.shutdownNow();
        }
        assertQuietLog();
    }

    @Test
    void shouldTimeOutTheHeadersOfALaterRequestOnAKeptAliveConnection() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            assertThat(http.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
            long started = System.nanoTime();

            RawHttp.Response response = http.send(PARTIAL_HEADERS).read();

            assertTimedOut(response, started);
        }
        assertQuietLog();
    }

    @Test
    void shouldCloseAConnectionWhoseBodyStopsWhileAHandlerReadsIt() {
        long started = System.nanoTime();
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf!");

            Throwable closed = catchThrowable(http::read);

            assertThat(closed).as("closed without an answer").hasRootCauseInstanceOf(EOFException.class);
            assertThat(elapsed(started)).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
        }
        assertQuietLog();
    }

    @Test
    void shouldKeepAnIdleKeptAliveConnectionOpenPastTheRequestTimeout() {
        try (RawHttp http = RawHttp.connect(server.port(), TIMEOUT.multipliedBy(3))) {
            assertThat(http.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);

            boolean closed = http.awaitClosedByServer();

            assertThat(closed).isFalse();
            assertThat(http.send("GET /health HTTP/1.1\r\nHost: x\r\n\r\n").read().status()).isEqualTo(200);
        }
        assertQuietLog();
    }

    @Test
    void shouldServeARequestWhoseHeadersComeInPiecesWithinTheTimeout() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("GET /health HTTP/1.1\r\n");
            http.send("Host: x\r\n");

            RawHttp.Response response = http.send("\r\n").read();

            assertThat(response.status()).isEqualTo(200);
        }
    }

    private static void assertTimedOut(RawHttp.Response response, long startedNanos) {
        assertThat(elapsed(startedNanos)).isBetween(TIMEOUT, TIMEOUT.plus(SLACK));
        assertThat(response.status()).isEqualTo(408);
        assertThat(response.contentType()).hasValue(Problem.CONTENT_TYPE);
        assertThat(response.header("Connection")).hasValue("close");
        assertThat(RefusedRequestsTest.json(response).path("type").asText())
                .isEqualTo("urn:pulse:problem:request-timeout");
    }

    private void assertQuietLog() {
        assertThat(logs.warningsOrWorse()).as(LogCapture.describe(logs.warningsOrWorse())).isEmpty();
        assertThat(logs.withStackTrace()).as(LogCapture.describe(logs.withStackTrace())).isEmpty();
    }

    private static Duration elapsed(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos);
    }
}
