package dev.pulse.processor.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.state.TrendingCandidate;
import dev.pulse.processor.state.TrendingCounts;
import dev.pulse.processor.state.TrendingPartial;
import dev.pulse.processor.topology.InternalSerdes;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

/**
 * The window processor keeps per-post totals in memory only; these tests restart it over the same
 * bucket store, which TopologyTestDriver cannot do (it wipes state on close).
 */
class TrendingWindowProcessorTest {

    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final TrendingSettings SETTINGS =
            new TrendingSettings(3, Duration.ofMinutes(10), Duration.ofSeconds(10), 1.0, 2.0);

    private final MockProcessorContext<String, TrendingPartial> context = new MockProcessorContext<>();
    private final KeyValueStore<String, TrendingCounts> buckets = Stores.keyValueStoreBuilder(
                    Stores.inMemoryKeyValueStore(TrendingStores.BUCKETS), Serdes.String(),
                    InternalSerdes.avro(TrendingCounts.class))
            .withLoggingDisabled().build();

    TrendingWindowProcessorTest() {
        buckets.init(context.getStateStoreContext(), buckets);
        context.addStateStore(buckets);
        context.setCurrentSystemTimeMs(START.toEpochMilli());
    }

    private TrendingWindowProcessor started() {
        TrendingWindowProcessor processor = new TrendingWindowProcessor(SETTINGS);
        processor.init(context);
        return processor;
    }

    private static void engage(TrendingWindowProcessor processor, String postId, int likes, int comments) {
        processor.process(new Record<>(postId, new Engagement(postId, likes, comments, START), START.toEpochMilli()));
    }

    /** Runs the refresh punctuation of the newest processor and returns what it forwarded. */
    private List<TrendingCandidate> refresh() {
        context.resetForwards();
        long now = START.plus(SETTINGS.refresh()).toEpochMilli();
        context.setCurrentSystemTimeMs(now);
        List<MockProcessorContext.CapturedPunctuator> punctuators = context.scheduledPunctuators();
        punctuators.getLast().getPunctuator().punctuate(now);
        List<MockProcessorContext.CapturedForward<? extends String, ? extends TrendingPartial>> forwarded =
                context.forwarded();
        assertThat(forwarded).hasSize(1);
        return forwarded.getFirst().record().value().getEntries();
    }

    @Test
    void shouldRankFromTheKeptBucketsAfterARestart() {
        TrendingWindowProcessor before = started();
        engage(before, "a", 2, 0);
        engage(before, "b", 0, 1);
        before.close();

        TrendingWindowProcessor after = started();
        engage(after, "c", 1, 0);

        assertThat(refresh()).extracting(TrendingCandidate::getPostId, TrendingCandidate::getScore)
                .containsExactly(tuple("a", 2.0),
                        tuple("b", 2.0),
                        tuple("c", 1.0));
    }

    @Test
    void shouldNotCountAPostTwiceWhenRestartedOverItsBuckets() {
        TrendingWindowProcessor before = started();
        engage(before, "a", 1, 0);
        before.close();

        TrendingWindowProcessor after = started();
        engage(after, "a", 1, 0);

        assertThat(refresh()).extracting(TrendingCandidate::getPostId, TrendingCandidate::getLikes)
                .containsExactly(tuple("a", 2L));
    }
}
