package dev.pulse.edge.bench;

import java.util.StringJoiner;

/**
 * Microsecond values in log-linear buckets (64 per power of two, so within 1.6 % of the true value), small
 * enough to merge across client processes as one text line. The load tool records connect times and
 * per-frame latencies in it; HdrHistogram would do the same but is not a dependency of this module.
 */
final class LatencyHistogram {

    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;
    private static final int BUCKETS = (64 - SUB_BITS) * SUB;

    private final long[] counts = new long[BUCKETS];
    private long total;
    private long max;

    synchronized void record(long micros) {
        long value = Math.max(0, micros);
        counts[index(value)]++;
        total++;
        max = Math.max(max, value);
    }

    synchronized long count() {
        return total;
    }

    /** The value at {@code quantile} (0..1): the upper bound of its bucket, never above the largest seen. */
    synchronized long percentile(double quantile) {
        if (total == 0) {
            return 0;
        }
        long rank = Math.max(1, (long) Math.ceil(quantile * total));
        long seen = 0;
        for (int i = 0; i < BUCKETS; i++) {
            seen += counts[i];
            if (seen >= rank) {
                return Math.min(max, upperBound(i));
            }
        }
        return max;
    }

    synchronized long max() {
        return max;
    }

    /** The non-empty buckets as {@code index:count} pairs, then {@code max:value}; empty text when empty. */
    synchronized String encode() {
        StringJoiner out = new StringJoiner(",");
        for (int i = 0; i < BUCKETS; i++) {
            if (counts[i] != 0) {
                out.add(i + ":" + counts[i]);
            }
        }
        return total == 0 ? "" : out + ",max:" + max;
    }

    /** Adds the values of an {@link #encode()}d histogram. */
    synchronized void merge(String encoded) {
        if (encoded.isBlank()) {
            return;
        }
        for (String pair : encoded.split(",")) {
            String[] parts = pair.split(":");
            long value = Long.parseLong(parts[1]);
            if (parts[0].equals("max")) {
                max = Math.max(max, value);
            } else {
                counts[Integer.parseInt(parts[0])] += value;
                total += value;
            }
        }
    }

    static int index(long value) {
        int shift = Math.max(0, 63 - Long.numberOfLeadingZeros(value) - SUB_BITS);
        return shift * SUB + (int) (value >>> shift);
    }

    static long upperBound(int index) {
        if (index < 2 * SUB) {
            return index;
        }
        int shift = index / SUB - 1;
        long sub = index - (long) shift * SUB;
        return ((sub + 1) << shift) - 1;
    }
}
