package dev.pulse.processor.trending;

/**
 * Names of the trending state stores, for interactive queries and tests. Changelog topic names are
 * derived from these by Kafka Streams; the stores are registered by {@link TrendingTopology}.
 */
public final class TrendingStores {

    /**
     * Net counts ({@code TrendingCounts}) of one post in one time bucket, key
     * {@code bucketStart(19 digits, epoch millis) NUL postId} so expired buckets are one range scan.
     */
    public static final String BUCKETS = "trending-buckets";
    /** The latest top list ({@code TrendingPartial}) of each engagement partition, key the partition number. */
    public static final String PARTITIONS = "trending-partitions";
    /** The latest global {@code TrendingSnapshot}, under the single key {@code Topics.TRENDING_KEY} ("global"). */
    public static final String SNAPSHOT = "trending-snapshot";

    private TrendingStores() {
    }
}
