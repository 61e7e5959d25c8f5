package dev.pulse.edge;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The node's clock for its connections: a ping to every socket each heartbeat interval (a client's pong
 * keeps its socket open: Helidon closes one silent for two intervals), and, every second, an error frame
 * and close {@value CloseCodes#TOKEN_EXPIRED} for each connection whose token expired without a fresh
 * {@code auth}.
 */
final class Heartbeat implements AutoCloseable {

    private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("ws-heartbeat").daemon().factory());
    private final Hub hub;
    private final Clock clock;

    Heartbeat(Hub hub, Duration interval, Clock clock) {
        this.hub = hub;
        this.clock = clock;
        timer.scheduleAtFixedRate(this::ping, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
        timer.scheduleAtFixedRate(this::expire, 1, 1, TimeUnit.SECONDS);
    }

    private void ping() {
        hub.sessions().forEach(session -> session.out().ping());
    }

    private void expire() {
        Instant now = clock.instant();
        for (Session session : hub.sessions()) {
            if (!session.principal().expiresAt().isAfter(now) && !session.out().isClosed()) {
                session.out().text(ServerFrames.text(new ServerFrames.Error("token_expired",
                        "the token expired; send auth with a fresh one before it does, or reconnect with one", null)));
                session.out().close(CloseCodes.TOKEN_EXPIRED, "token expired");
            }
        }
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
