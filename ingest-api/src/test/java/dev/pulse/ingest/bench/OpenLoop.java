package dev.pulse.ingest.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * Single-event posts at a steady rate, open loop: request {@code i} is due at {@code start + i / rate},
 * is sent then (or at once, if the pacer is late) on a virtual thread of its own whatever the earlier ones
 * are doing, and its latency runs from that intended time to its answer. A stalled server therefore shows
 * as the latency of every request it held up, not as fewer requests (no coordinated omission). The first
 * {@code warmup} is sent the same way and not recorded.
 */
final class OpenLoop {

    private OpenLoop() {
    }

    /**
     * Latencies of the measured requests in microseconds, sorted; {@code failed} counts answers other than
     * 202; {@code seconds} runs from the first measured request's intended time to the last answer.
     */
    record Result(long[] micros, int failed, int sent, double seconds) {

        /** Answers per second over the measured part: below the offered rate when the server fell behind. */
        double served() {
            return sent / seconds;
        }

        long percentile(double p) {
            return micros.length == 0 ? -1 : micros[Math.min(micros.length - 1, (int) Math.ceil(p / 100 * micros.length) - 1)];
        }

        long max() {
            return micros.length == 0 ? -1 : micros[micros.length - 1];
        }
    }

    static Result run(List<String> bodies, int rate, Duration warmup, BenchHttp client, Duration timeout)
            throws InterruptedException {
        int warm = (int) (warmup.toMillis() * rate / 1000);
        long[] micros = new long[Math.max(0, bodies.size() - warm)];
        AtomicInteger failed = new AtomicInteger();
        AtomicLong lastAnswer = new AtomicLong();
        CountDownLatch done = new CountDownLatch(bodies.size());
        long period = 1_000_000_000L / rate;
        long start = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        for (int i = 0; i < bodies.size(); i++) {
            long due = start + i * period;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            int index = i;
            Thread.ofVirtual().start(() -> {
                int status = client.post(bodies.get(index));
                long answered = System.nanoTime();
                lastAnswer.accumulateAndGet(answered, Math::max);
                long latency = (answered - due) / 1_000;
                if (index >= warm) {
                    micros[index - warm] = latency;
                    if (status != 202) {
                        failed.incrementAndGet();
                    }
                }
                done.countDown();
            });
        }
        if (!done.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException(done.getCount() + " requests unanswered after " + timeout.toSeconds() + " s");
        }
        Arrays.sort(micros);
        return new Result(micros, failed.get(), micros.length, (lastAnswer.get() - (start + warm * period)) / 1e9);
    }
}
