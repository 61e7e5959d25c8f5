package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * How the request timeout treats connections upgraded from HTTP/1 (WebSockets), with {@link EchoUpgradeProvider}
 * standing in for WebSocket: same upgrade path, same socket, same reads.
 */
class UpgradedConnectionTimeoutTest {

    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(1);
    private static final Duration HEARTBEAT = Duration.ofMillis(750);
    private static final Duration SLACK = Duration.ofMillis(1500);
    private static final String SWITCHED = "HTTP/1.1 101 Switching Protocols";

    @Test
    void shouldKeepAnIdleUpgradedConnectionOpenPastTheRequestTimeout() {
        try (HardenedServer server = start(RequestTimeouts.of(REQUEST_TIMEOUT));
             RawHttp http = RawHttp.connect(server.port(), REQUEST_TIMEOUT.multipliedBy(3))) {
            assertThat(http.send(EchoUpgradeProvider.UPGRADE_REQUEST).readHead().statusLine()).isEqualTo(SWITCHED);

            boolean closed = http.awaitClosedByServer();

            assertThat(closed).isFalse();
            assertThat(echo(http, "still here")).isEqualTo("still here");
        }
    }

    @Test
    void shouldCloseAnUpgradedConnectionSilentForTwoHeartbeats() {
        try (HardenedServer server = start(RequestTimeouts.of(REQUEST_TIMEOUT).withWebSocketHeartbeat(HEARTBEAT));
             RawHttp http = RawHttp.connect(server.port())) {
            long sent = System.nanoTime();
            assertThat(http.send(EchoUpgradeProvider.UPGRADE_REQUEST).readHead().statusLine()).isEqualTo(SWITCHED);

            boolean closed = http.awaitClosedByServer();

            assertThat(closed).isTrue();
            assertThat(Duration.ofNanos(System.nanoTime() - sent))
                    .isBetween(HEARTBEAT.multipliedBy(2), HEARTBEAT.multipliedBy(2).plus(SLACK));
        }
    }

    @Test
    void shouldKeepAnUpgradedConnectionThatAnswersEveryHeartbeat() {
        ScheduledExecutorService pongs = Executors.newSingleThreadScheduledExecutor();
        try (HardenedServer server = start(RequestTimeouts.of(REQUEST_TIMEOUT).withWebSocketHeartbeat(HEARTBEAT));
             RawHttp http = RawHttp.connect(server.port(), HEARTBEAT.multipliedBy(4))) {
            assertThat(http.send(EchoUpgradeProvider.UPGRADE_REQUEST).readHead().statusLine()).isEqualTo(SWITCHED);
            pongs.scheduleAtFixedRate(() -> http.send("."), 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);

            String fourPongsEchoed = new String(http.readBytes(4), StandardCharsets.US_ASCII);

            assertThat(fourPongsEchoed).as("echoed over three heartbeats, longer than the read timeout")
                    .isEqualTo("....");
        } finally {
            pongs.shutdownNow();
        }
    }

    private static HardenedServer start(RequestTimeouts timeouts) {
        return HardenedServer.start(timeouts, () -> true, builder -> builder.addProtocol(EchoUpgradeProvider.CONFIG));
    }

    private static String echo(RawHttp http, String text) {
        http.send(text);
        return new String(http.readBytes(text.length()), StandardCharsets.US_ASCII);
    }
}
