package dev.pulse.processor.trending;

import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.state.TrendingCounts;
import dev.pulse.processor.state.TrendingPartial;
import dev.pulse.processor.topology.InternalSerdes;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.kafka.Topic;
import java.time.Duration;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.Stores;

/**
 * Trending posts: the top K posts by weighted likes and comments inside a sliding wall-clock window.
 * Each engagement partition keeps time-bucketed and running counts and, every refresh, sends its own top
 * K to one partition, where they are merged into the global {@link TrendingSnapshot}; two steps so no
 * single task has to see every engagement event.
 *
 * <p>Resolution: buckets are {@link #bucketSize} long, the larger of the refresh and 1/60 of the window
 * (one minute for the default hour), so a post keeps at most about 60 buckets and an event stops counting
 * at most one bucket plus one refresh after it left the window, never before.
 */
public final class TrendingTopology {

    /** Name of the repartition topic (before Kafka Streams' decoration) carrying partitions' lists. */
    public static final String PARTIALS = "trending-partials";
    /** Processor keeping each partition's window. */
    public static final String WINDOW_PROCESSOR = "trending-window";
    /** Processor merging partitions' lists into the global snapshot. */
    public static final String MERGE_PROCESSOR = "trending-merge";

    private static final int MAX_BUCKETS_PER_WINDOW = 60;

    private TrendingTopology() {
    }

    /**
     * Adds trending to {@code builder}: {@code engagement} (exact +1/-1 changes, each post's all on one partition) in, one
     * {@link TrendingSnapshot} under key "global" on {@code output} each time the ranking changes.
     */
    public static void build(StreamsBuilder builder, KStream<String, Engagement> engagement,
                             Topic<String, TrendingSnapshot> output, TrendingSettings settings) {
        // Cached: a post's bucket changes many times per commit when it is hot; it is logged once per commit.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrendingStores.BUCKETS),
                Serdes.String(), InternalSerdes.avro(TrendingCounts.class)).withCachingEnabled());
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrendingStores.PARTITIONS),
                Serdes.Integer(), InternalSerdes.avro(TrendingPartial.class)));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TrendingStores.SNAPSHOT),
                Serdes.String(), output.valueSerde()));

        engagement
                .process(() -> new TrendingWindowProcessor(settings), Named.as(WINDOW_PROCESSOR),
                        TrendingStores.BUCKETS)
                .repartition(Repartitioned.<String, TrendingPartial>as(PARTIALS)
                        .withKeySerde(Serdes.String())
                        .withValueSerde(InternalSerdes.avro(TrendingPartial.class))
                        .withNumberOfPartitions(1))
                .process(() -> new TrendingMergeProcessor(settings), Named.as(MERGE_PROCESSOR),
                        TrendingStores.PARTITIONS, TrendingStores.SNAPSHOT)
                .to(output.name(), Produced.with(output.keySerde(), output.valueSerde()).withName("trending-sink"));
    }

    /** The length of the time buckets counts are kept in: max(refresh, window / 60), at most the window. */
    public static Duration bucketSize(TrendingSettings settings) {
        Duration size = settings.window().dividedBy(MAX_BUCKETS_PER_WINDOW);
        if (settings.refresh().compareTo(size) > 0) {
            size = settings.refresh();
        }
        if (size.compareTo(settings.window()) > 0) {
            size = settings.window();
        }
        return size.toMillis() < 1 ? Duration.ofMillis(1) : size;
    }
}
