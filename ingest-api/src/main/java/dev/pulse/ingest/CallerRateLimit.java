package dev.pulse.ingest;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pulse.service.ProblemException;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.TimeMeter;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * A per-caller request rate limit for write routes: one token bucket (Bucket4j) per caller ({@code sub}),
 * holding up to {@code burst} requests and refilled at {@code perSecond}. A request over the limit gets a
 * 429 {@value #CODE} problem with {@code Retry-After}: the whole seconds until a request fits again, at
 * least 1. Node-local: with N instances behind a balancer a caller gets up to N times the rate.
 *
 * <p>The buckets are bounded ({@value #MAX_CALLERS} callers) and a caller's bucket is forgotten once it has
 * been idle long enough to refill completely, when a new bucket is the same as the old; a caller evicted
 * early by the bound only starts again with a full bucket. Thread-safe; shared by every route that calls it.
 */
final class CallerRateLimit {

    /** Problem code of a request over its caller's limit. */
    static final String CODE = "rate-limited";
    static final long MAX_CALLERS = 100_000;

    private final Cache<String, Bucket> buckets;
    private final long perSecond;
    private final long burst;
    private final TimeMeter time;

    /** @param nanoTime the clock, {@link System#nanoTime} outside tests */
    CallerRateLimit(long perSecond, long burst, LongSupplier nanoTime) {
        this.perSecond = perSecond;
        this.burst = burst;
        this.time = meter(nanoTime);
        Ticker ticker = nanoTime::getAsLong;
        Duration refill = Duration.ofNanos(Math.ceilDiv(burst * 1_000_000_000L, perSecond));
        this.buckets = Caffeine.newBuilder().expireAfterAccess(refill).maximumSize(MAX_CALLERS).ticker(ticker).build();
    }

    static CallerRateLimit of(IngestSettings.RateLimit settings) {
        return new CallerRateLimit(settings.perSecond(), settings.burst(), System::nanoTime);
    }

    /** Takes one request from {@code caller}'s bucket, or throws the 429 problem when it is empty. */
    void requireAllowed(String caller) {
        ConsumptionProbe probe = buckets.get(caller, c -> newBucket()).tryConsumeAndReturnRemaining(1);
        if (!probe.isConsumed()) {
            long seconds = Math.max(1, Math.ceilDiv(probe.getNanosToWaitForRefill(), 1_000_000_000L));
            throw new ProblemException(Status.TOO_MANY_REQUESTS_429, CODE, "more than " + perSecond
                    + " requests per second (bursts of " + burst + ") from this caller; retry after " + seconds + " s")
                    .withHeader(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(seconds)));
        }
    }

    private Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .withCustomTimePrecision(time)
                .build();
    }

    private static TimeMeter meter(LongSupplier nanoTime) {
        return new TimeMeter() {
            @Override
            public long currentTimeNanos() {
                return nanoTime.getAsLong();
            }

            @Override
            public boolean isWallClockBased() {
                return false;
            }
        };
    }
}
