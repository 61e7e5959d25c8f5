package dev.pulse.processor.trending;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.state.TrendingCandidate;
import dev.pulse.processor.state.TrendingPartial;
import dev.pulse.processor.topology.InternalSerdes;
import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TrendingTopologyTest {

    private static final String APP_ID = "trending-test";
    private static final Instant START = Instant.parse("2025-01-01T00:00:00Z");
    private static final Duration WINDOW = Duration.ofMinutes(10);
    private static final Duration REFRESH = Duration.ofSeconds(10);
    private static final TrendingSettings SETTINGS = new TrendingSettings(3, WINDOW, REFRESH, 1.0, 2.0);

    private final Topic<String, TrendingSnapshot> trending = Topics.withPrefix("t.").trending();
    private TopologyTestDriver driver;
    private TestInputTopic<String, Engagement> engagement;
    private TestOutputTopic<String, TrendingSnapshot> snapshots;
    private Instant wallClock = START;
    @TempDir
    private Path stateDir;

    @AfterEach
    void close() {
        if (driver != null) {
            driver.close();
        }
    }

    private void start(TrendingSettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        KStream<String, Engagement> stream = builder.stream("engagement",
                Consumed.with(Serdes.String(), InternalSerdes.avro(Engagement.class)));
        TrendingTopology.build(builder, stream, trending, settings);
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, APP_ID);
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "dummy:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        driver = new TopologyTestDriver(builder.build(), props, START);
        engagement = driver.createInputTopic("engagement", new StringSerializer(),
                InternalSerdes.avro(Engagement.class));
        snapshots = driver.createOutputTopic(trending.name(), new StringDeserializer(),
                trending.valueSerde().deserializer());
    }

    private void start() {
        start(SETTINGS);
    }

    private void engage(String postId, int likes, int comments, Instant at) {
        engagement.pipeInput(postId, new Engagement(postId, likes, comments, at), at);
    }

    private void like(String postId) {
        engage(postId, 1, 0, now());
    }

    private void unlike(String postId) {
        engage(postId, -1, 0, now());
    }

    private void comment(String postId) {
        engage(postId, 0, 1, now());
    }

    private Instant now() {
        return wallClock;
    }

    private void advance(Duration duration) {
        wallClock = wallClock.plus(duration);
        driver.advanceWallClockTime(duration);
    }

    private void refresh() {
        advance(REFRESH);
    }

    /** Every snapshot written since the last call. */
    private List<TrendingSnapshot> written() {
        return snapshots.readValuesToList();
    }

    private TrendingSnapshot onlyWritten() {
        List<TrendingSnapshot> written = written();
        assertThat(written).hasSize(1);
        return written.get(0);
    }

    private static List<String> postIds(TrendingSnapshot snapshot) {
        return snapshot.getEntries().stream().map(TrendingEntry::getPostId).toList();
    }

    @Test
    void shouldRankPostsByWeightedScore() {
        start();
        like("a");
        like("a");
        like("a");
        comment("b");
        comment("b");
        like("c");
        refresh();

        TrendingSnapshot snapshot = onlyWritten();
        assertThat(snapshot.getEntries()).containsExactly(
                new TrendingEntry(1, "b", 4.0, 0L, 2L),
                new TrendingEntry(2, "a", 3.0, 3L, 0L),
                new TrendingEntry(3, "c", 1.0, 1L, 0L));
        assertThat(snapshot.getWindowMillis()).isEqualTo(WINDOW.toMillis());
        assertThat(snapshot.getComputedAt()).isEqualTo(START.plus(REFRESH));
    }

    @Test
    void shouldWriteUnderTheGlobalKey() {
        start();
        like("a");
        refresh();

        List<KeyValue<String, TrendingSnapshot>> records = snapshots.readKeyValuesToList();
        assertThat(records).hasSize(1);
        assertThat(records.get(0).key).isEqualTo(Topics.TRENDING_KEY);
    }

    @Test
    void shouldKeepOnlyTheTopK() {
        start();
        for (int i = 0; i < 4; i++) {
            like("d");
        }
        for (int i = 0; i < 3; i++) {
            like("c");
        }
        like("b");
        like("b");
        like("a");
        refresh();

        assertThat(postIds(onlyWritten())).containsExactly("d", "c", "b");
    }

    @Test
    void shouldCancelALikeWithItsUnlike() {
        start();
        like("a");
        like("a");
        like("b");
        like("b");
        unlike("b");
        like("c");
        unlike("c");
        refresh();

        TrendingSnapshot snapshot = onlyWritten();
        assertThat(snapshot.getEntries()).containsExactly(
                new TrendingEntry(1, "a", 2.0, 2L, 0L),
                new TrendingEntry(2, "b", 1.0, 1L, 0L));
    }

    @Test
    void shouldDropEngagementThatLeftTheWindowWithoutNewEvents() {
        start();
        like("a");
        refresh();
        assertThat(postIds(onlyWritten())).containsExactly("a");

        // Now START + window + refresh: a's bucket [START, START + 10 s) has just left the window.
        advance(WINDOW);

        assertThat(onlyWritten().getEntries()).isEmpty();
    }

    @Test
    void shouldKeepEngagementUntilItsWholeBucketLeftTheWindow() {
        start();
        engage("a", 1, 0, START);
        engage("b", 1, 0, START.plusSeconds(60));
        engage("b", 1, 0, START.plusSeconds(60));
        refresh();
        assertThat(postIds(onlyWritten())).containsExactly("b", "a");

        advance(WINDOW.minus(REFRESH)); // now = START + window: a is exactly window old
        assertThat(written()).isEmpty();

        refresh();
        assertThat(postIds(onlyWritten())).containsExactly("b");
    }

    @Test
    void shouldIgnoreEngagementAlreadyOutsideTheWindow() {
        start();
        engage("old", 1, 0, START.minus(WINDOW).minusSeconds(30));
        refresh();

        assertThat(written()).isEmpty();
        assertThat(driver.<String, TrendingSnapshot>getKeyValueStore(TrendingStores.SNAPSHOT)
                .get(Topics.TRENDING_KEY)).isNull();
    }

    @Test
    void shouldNotRepeatAnUnchangedSnapshot() {
        start();
        like("a");
        refresh();
        assertThat(written()).hasSize(1);

        refresh();
        refresh();
        advance(Duration.ofMinutes(1));
        assertThat(written()).isEmpty();

        like("b");
        refresh();
        assertThat(postIds(onlyWritten())).containsExactly("a", "b");
    }

    @Test
    void shouldNotWriteAnEmptySnapshotBeforeAnythingTrended() {
        start();
        refresh();
        refresh();

        assertThat(written()).isEmpty();
    }

    @Test
    void shouldBreakTiesByPostId() {
        start();
        like("c");
        like("a");
        comment("b");
        like("d");
        like("d");

        refresh();

        // b scores 2 (one comment) like d (two likes): tie broken by postId, then a before c.
        assertThat(postIds(onlyWritten())).containsExactly("b", "d", "a");
    }

    @Test
    void shouldAnswerInteractiveQueriesByTheGlobalKey() {
        start();
        like("a");
        refresh();

        KeyValueStore<String, TrendingSnapshot> store = driver.getKeyValueStore(TrendingStores.SNAPSHOT);
        assertThat(store.get(Topics.TRENDING_KEY)).isEqualTo(onlyWritten());
    }

    @Test
    void shouldMergePartitionsIntoOneGlobalRanking() {
        start();
        TestInputTopic<String, TrendingPartial> partials = driver.createInputTopic(
                APP_ID + "-" + TrendingTopology.PARTIALS + "-repartition", new StringSerializer(),
                InternalSerdes.avro(TrendingPartial.class));
        Instant at = START.plusSeconds(5);

        partials.pipeInput(Topics.TRENDING_KEY, partial(0, at, candidate("a", 5), candidate("b", 1)), at);
        partials.pipeInput(Topics.TRENDING_KEY, partial(1, at, candidate("c", 4), candidate("d", 2)), at);
        List<TrendingSnapshot> written = written();
        assertThat(written).hasSize(2);
        assertThat(postIds(written.get(1))).containsExactly("a", "c", "d");

        // Partition 0's new list replaces its old one (a and b gone); partition 1's list stays.
        partials.pipeInput(Topics.TRENDING_KEY, partial(0, at, candidate("e", 3)), at);
        assertThat(postIds(onlyWritten())).containsExactly("c", "e", "d");

        partials.pipeInput(Topics.TRENDING_KEY, partial(1, at), at);
        assertThat(postIds(onlyWritten())).containsExactly("e");

        partials.pipeInput(Topics.TRENDING_KEY, partial(0, at), at);
        assertThat(onlyWritten().getEntries()).isEmpty();
    }

    @Test
    void shouldMergeListsByScoreAndRankFromOne() {
        List<TrendingEntry> merged = TrendingRanking.merge(List.of(
                List.of(candidate("a", 5), candidate("b", 1)),
                List.of(candidate("c", 5), candidate("d", 2))), 3);

        assertThat(merged).extracting(TrendingEntry::getRank, TrendingEntry::getPostId)
                .containsExactly(tuple(1, "a"),
                        tuple(2, "c"),
                        tuple(3, "d"));
    }

    @Test
    void shouldUseOneMinuteBucketsForTheDefaultHour() {
        assertThat(TrendingTopology.bucketSize(TrendingSettings.defaults())).isEqualTo(Duration.ofMinutes(1));
        assertThat(TrendingTopology.bucketSize(SETTINGS)).isEqualTo(REFRESH);
    }

    @Test
    void shouldRejectInvalidSettings() {
        assertThatThrownBy(() -> new TrendingSettings(0, WINDOW, REFRESH, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrendingSettings(3, Duration.ZERO, REFRESH, 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrendingSettings(3, WINDOW, Duration.ofSeconds(-1), 1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrendingSettings(3, WINDOW, REFRESH, -1, 2))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new TrendingSettings(3, WINDOW, REFRESH, 1, Double.NaN))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static TrendingCandidate candidate(String postId, long likes) {
        return new TrendingCandidate(postId, (double) likes, likes, 0L);
    }

    private static TrendingPartial partial(int partition, Instant at, TrendingCandidate... entries) {
        return new TrendingPartial(partition, at, List.of(entries));
    }
}
