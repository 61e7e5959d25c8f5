package dev.pulse.processor.trending;

import java.time.Duration;
import java.util.Objects;

/**
 * How trending is computed: the top {@code k} posts by {@code likeWeight * likes + commentWeight * comments}
 * counted inside a sliding {@code window}, recomputed every {@code refresh} of wall-clock time.
 */
public record TrendingSettings(int k, Duration window, Duration refresh, double likeWeight, double commentWeight) {

    public TrendingSettings {
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(refresh, "refresh");
        if (k < 1) {
            throw new IllegalArgumentException("Trending needs k >= 1, not " + k);
        }
        if (window.isNegative() || window.isZero()) {
            throw new IllegalArgumentException("Trending needs a positive window, not " + window);
        }
        if (refresh.isNegative() || refresh.isZero()) {
            throw new IllegalArgumentException("Trending needs a positive refresh, not " + refresh);
        }
        if (!(likeWeight >= 0) || !(commentWeight >= 0) || Double.isInfinite(likeWeight)
                || Double.isInfinite(commentWeight)) {
            throw new IllegalArgumentException("Trending weights must be finite and non-negative, not likes "
                    + likeWeight + ", comments " + commentWeight);
        }
    }

    public static TrendingSettings defaults() {
        return new TrendingSettings(10, Duration.ofMinutes(60), Duration.ofSeconds(10), 1.0, 2.0);
    }
}
