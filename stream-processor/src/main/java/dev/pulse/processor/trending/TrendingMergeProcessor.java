package dev.pulse.processor.trending;

import dev.pulse.processor.state.TrendingCandidate;
import dev.pulse.processor.state.TrendingPartial;
import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.kafka.Topics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * The global ranking, on the single partition all partitions' lists are sent to: each list replaces its
 * partition's previous one, and a {@link TrendingSnapshot} is stored and forwarded only when the global
 * top K differs from the last one (an empty ranking after a non-empty one is a difference).
 */
final class TrendingMergeProcessor implements Processor<String, TrendingPartial, String, TrendingSnapshot> {

    private final int k;
    private final long windowMillis;
    private ProcessorContext<String, TrendingSnapshot> context;
    private KeyValueStore<Integer, TrendingPartial> partitions;
    private KeyValueStore<String, TrendingSnapshot> snapshots;

    TrendingMergeProcessor(TrendingSettings settings) {
        this.k = settings.k();
        this.windowMillis = settings.window().toMillis();
    }

    @Override
    public void init(ProcessorContext<String, TrendingSnapshot> context) {
        this.context = context;
        this.partitions = context.getStateStore(TrendingStores.PARTITIONS);
        this.snapshots = context.getStateStore(TrendingStores.SNAPSHOT);
    }

    @Override
    public void process(Record<String, TrendingPartial> record) {
        TrendingPartial partial = record.value();
        if (partial == null) {
            return;
        }
        if (partial.getEntries().isEmpty()) {
            partitions.delete(partial.getSourcePartition());
        } else {
            partitions.put(partial.getSourcePartition(), partial);
        }
        List<List<TrendingCandidate>> lists = new ArrayList<>();
        try (KeyValueIterator<Integer, TrendingPartial> all = partitions.all()) {
            all.forEachRemaining(kv -> lists.add(kv.value.getEntries()));
        }
        List<TrendingEntry> top = TrendingRanking.merge(lists, k);
        TrendingSnapshot previous = snapshots.get(Topics.TRENDING_KEY);
        boolean unchanged = previous == null
                ? top.isEmpty()
                : previous.getWindowMillis() == windowMillis && top.equals(previous.getEntries());
        if (unchanged) {
            return;
        }
        TrendingSnapshot snapshot = new TrendingSnapshot(partial.getComputedAt(), windowMillis, top);
        snapshots.put(Topics.TRENDING_KEY, snapshot);
        context.forward(new Record<>(Topics.TRENDING_KEY, snapshot, record.timestamp()));
    }
}
