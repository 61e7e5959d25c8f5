package dev.pulse.processor;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.util.List;
import java.util.Set;

/**
 * Which of Kafka's metrics reach {@code /metrics}. Kafka registers every sensor whatever
 * {@code metrics.recording.level} is, so at the default {@code INFO} most store-, task- and node-level
 * series only ever read 0 or NaN, and per-partition fetch metrics come seven to a partition: with the
 * whole topology on one instance that was 10,000 lines (2.3 MB) per scrape, two thirds of them empty.
 * This filter drops those and keeps everything else (thread, client, consumer, producer and admin metrics,
 * task-level dropped records and restoration, end-to-end latency at source and sink nodes, per-partition
 * lag), which brought the same scrape to a few thousand lines.
 *
 * <p>Kept from the per-store RocksDB metrics: size, keys, memory and background errors, recorded at
 * {@code INFO}. Whoever sets {@code streams.properties.metrics.recording.level=DEBUG} to chase a problem
 * reads the rest through JMX.
 */
final class KafkaMeterSelection {

    private static final String STORE = "kafka.stream.state.";
    /** Not a store: the thread restoring stores and updating standbys, whose progress matters. */
    private static final String STATE_UPDATER = "kafka.stream.state.updater.";
    private static final Set<String> STORE_KEPT = Set.of("estimate.num.keys", "total.sst.files.size",
            "cur.size.all.mem.tables", "block.cache.usage", "background.errors",
            "estimate.pending.compaction.bytes");
    /** Recorded at DEBUG only: always 0 or NaN at INFO. */
    private static final List<String> DEBUG_ONLY = List.of("kafka.stream.processor.node.process.",
            "kafka.stream.task.process.", "kafka.stream.task.punctuate.", "kafka.stream.task.record.lateness.",
            "kafka.stream.record.cache.");
    /** Per-partition fetch metrics that lag and lag-max already say, or that say nothing without replicas. */
    private static final List<String> FETCH_NOISE = List.of("kafka.consumer.fetch.manager.records.lead",
            "kafka.consumer.fetch.manager.records.lag.avg", "kafka.consumer.fetch.manager.preferred.read.replica");

    private KafkaMeterSelection() {
    }

    /** Denies the Kafka meters described above; accepts every other meter. */
    static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return kept(id.getName()) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
            }
        };
    }

    static boolean kept(String name) {
        if (name.startsWith(STORE) && !name.startsWith(STATE_UPDATER)) {
            return STORE_KEPT.contains(name.substring(STORE.length()));
        }
        return DEBUG_ONLY.stream().noneMatch(name::startsWith) && FETCH_NOISE.stream().noneMatch(name::startsWith);
    }
}
