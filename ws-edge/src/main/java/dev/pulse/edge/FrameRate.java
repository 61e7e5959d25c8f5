package dev.pulse.edge;

import io.github.bucket4j.Bucket;
import java.time.Duration;

/**
 * A connection's limit on the frames it may send: a token bucket (Bucket4j) of {@code burst} frames
 * refilled at {@code perSecond}. A frame over it is answered with {@code rate_limited} and dropped; the
 * connection stays. The bucket is made at the connection's first frame, so an idle socket costs nothing.
 */
final class FrameRate {

    private final int perSecond;
    private final int burst;

    FrameRate(int perSecond, int burst) {
        this.perSecond = perSecond;
        this.burst = burst;
    }

    Bucket newBucket() {
        return Bucket.builder()
                .addLimit(limit -> limit.capacity(burst).refillGreedy(perSecond, Duration.ofSeconds(1)))
                .build();
    }

    String refusal() {
        return "more than " + perSecond + " frames per second (bursts of " + burst + "); this one was dropped";
    }
}
