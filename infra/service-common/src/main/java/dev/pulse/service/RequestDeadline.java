package dev.pulse.service;

import java.time.Duration;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The moment by which one request's headers must be complete. Exactly one of {@link #settle()} (the headers came
 * in time) and the expiry action wins, so a request whose headers arrive as the deadline fires is either served or
 * answered with 408, never both.
 */
final class RequestDeadline {

    private final AtomicBoolean decided = new AtomicBoolean();
    private volatile ScheduledFuture<?> expiry;

    private RequestDeadline() {
    }

    /** Runs {@code onExpiry} after {@code timeout} unless {@link #settle()} is called first. */
    static RequestDeadline arm(ScheduledExecutorService scheduler, Duration timeout, Runnable onExpiry) {
        RequestDeadline deadline = new RequestDeadline();
        deadline.expiry = scheduler.schedule(() -> deadline.expire(onExpiry), timeout.toNanos(), TimeUnit.NANOSECONDS);
        return deadline;
    }

    /** @return true if the request beat the deadline, false if the deadline has already fired */
    boolean settle() {
        if (decided.compareAndSet(false, true)) {
            expiry.cancel(false);
            return true;
        }
        return false;
    }

    /** Whether neither the headers nor the deadline have come yet. */
    boolean pending() {
        return !decided.get();
    }

    private void expire(Runnable onExpiry) {
        if (decided.compareAndSet(false, true)) {
            onExpiry.run();
        }
    }
}
