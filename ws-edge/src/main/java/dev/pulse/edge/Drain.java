package dev.pulse.edge;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Empties a stopping node without a thundering herd: from the first moment new connections get a
 * {@code reconnect} frame and close 1001 at once; each open connection gets a {@code reconnect} frame
 * naming its own moment within the deadline, and is closed with 1001 at that moment. Its client
 * reconnects (the balancer sends it to another node) and resumes from its last seq, so nothing is lost.
 */
final class Drain implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(Drain.class);
    private static final Duration FLUSH = Duration.ofSeconds(2);

    private final Hub hub;
    private final Duration deadline;
    private volatile boolean draining;

    Drain(Hub hub, Duration deadline) {
        this.hub = hub;
        this.deadline = deadline;
    }

    boolean draining() {
        return draining;
    }

    /** What a connection opened while draining gets: go elsewhere now. */
    static void turnAway(Outbound out) {
        out.text(ServerFrames.text(new ServerFrames.Reconnect(0, "draining")));
        out.close(CloseCodes.GOING_AWAY, "node draining; reconnect");
    }

    @Override
    public void run() {
        draining = true;
        List<Session> sessions = new ArrayList<>();
        hub.sessions().forEach(sessions::add);
        LOG.info("Draining {} connections over {}", sessions.size(), deadline);
        long start = System.nanoTime();
        long[] slots = new long[sessions.size()];
        for (int i = 0; i < slots.length; i++) {
            slots[i] = slots.length < 2 ? 0 : deadline.toMillis() * i / slots.length
                    + ThreadLocalRandom.current().nextLong(Math.max(1, deadline.toMillis() / Math.max(1, slots.length)));
            sessions.get(i).out().text(ServerFrames.text(new ServerFrames.Reconnect(slots[i], "draining")));
        }
        try {
            for (int i = 0; i < slots.length && hub.connections() > 0; i++) {
                waitUntil(start, slots[i]);
                sessions.get(i).out().close(CloseCodes.GOING_AWAY, "node draining; reconnect");
            }
            long flushEnd = System.nanoTime() + FLUSH.toNanos();
            while (hub.connections() > 0 && System.nanoTime() < flushEnd) {
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        LOG.info("Drained; {} connections left", hub.connections());
    }

    /** Until {@code slotMillis} after {@code start}, or earlier when every client has gone by itself. */
    private void waitUntil(long start, long slotMillis) throws InterruptedException {
        long wait;
        while ((wait = slotMillis - Duration.ofNanos(System.nanoTime() - start).toMillis()) > 0
                && hub.connections() > 0) {
            Thread.sleep(Math.min(wait, 50));
        }
    }
}
