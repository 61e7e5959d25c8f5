package dev.pulse.processor.topology;

import dev.pulse.processor.inbox.InboxKeys;
import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/** The whole topology in a TopologyTestDriver, with typed inputs, outputs and store views. */
final class TopologyHarness implements AutoCloseable {

    static final Instant START = Instant.parse("2026-11-23T10:00:00Z");

    final Topics topics = Topics.standard();
    final TopologyTestDriver driver;
    private final TestInputTopic<String, LikeEvent> likes;
    private final TestInputTopic<String, CommentEvent> comments;
    private final TestInputTopic<String, FollowEvent> follows;
    private final TestInputTopic<String, DirectMessage> messages;
    private final TestInputTopic<String, InboxAction> reads;
    private final TestInputTopic<String, UserSettings> settings;
    private final TestOutputTopic<String, InboxRecord> inbox;
    private final TestOutputTopic<String, PostCounts> postCounts;
    private final TestOutputTopic<String, UserCounts> userCounts;
    private final TestOutputTopic<String, dev.pulse.schemas.TrendingSnapshot> trending;

    TopologyHarness() {
        this(TopologySettings.defaults());
    }

    TopologyHarness(TopologySettings topologySettings) {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "pulse-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, 0);
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir().toString());
        driver = new TopologyTestDriver(PulseTopology.build(topics, topologySettings, new OpenWrites(Duration.ZERO)), props, START);
        likes = input(topics.likes());
        comments = input(topics.comments());
        follows = input(topics.follows());
        messages = input(topics.messages());
        reads = input(topics.reads());
        settings = input(topics.userSettings());
        inbox = output(topics.inbox());
        postCounts = output(topics.postCounts());
        userCounts = output(topics.userCounts());
        trending = output(topics.trending());
    }

    private static java.nio.file.Path stateDir() {
        try {
            return java.nio.file.Files.createTempDirectory("pulse-ttd-");
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Moves the driver's wall clock, firing wall-clock punctuators (trending refresh). */
    void advanceWallClock(java.time.Duration by) {
        driver.advanceWallClockTime(by);
    }

    List<dev.pulse.schemas.TrendingSnapshot> trendingSnapshots() {
        return trending.readValuesToList();
    }

    private <V> TestInputTopic<String, V> input(Topic<String, V> topic) {
        return driver.createInputTopic(topic.name(), topic.keySerde().serializer(), topic.valueSerde().serializer());
    }

    private <V> TestOutputTopic<String, V> output(Topic<String, V> topic) {
        return driver.createOutputTopic(topic.name(), topic.keySerde().deserializer(), topic.valueSerde().deserializer());
    }

    void send(LikeEvent e) {
        pipe(likes, topics.likes(), e, e.getOccurredAt());
    }

    /** A like under a key other than its topic's key rule gives, as another producer might write it. */
    void sendKeyed(String key, LikeEvent e) {
        likes.pipeInput(key, e, e.getOccurredAt());
    }

    void sendKeyed(String key, CommentEvent e) {
        comments.pipeInput(key, e, e.getOccurredAt());
    }

    void sendKeyed(String key, InboxAction e) {
        reads.pipeInput(key, e, e.getOccurredAt());
    }

    void send(CommentEvent e) {
        pipe(comments, topics.comments(), e, e.getOccurredAt());
    }

    void send(FollowEvent e) {
        pipe(follows, topics.follows(), e, e.getOccurredAt());
    }

    void send(DirectMessage e) {
        pipe(messages, topics.messages(), e, e.getOccurredAt());
    }

    void send(InboxAction e) {
        pipe(reads, topics.reads(), e, e.getOccurredAt());
    }

    void send(UserSettings s) {
        pipe(settings, topics.userSettings(), s, s.getOccurredAt());
    }

    /** Pipes {@code value} under the key its topic's rule gives, as {@code EventPublisher} would. */
    private static <V> void pipe(TestInputTopic<String, V> input, Topic<String, V> topic, V value, Instant at) {
        input.pipeInput(topic.keyOf(value), value, at);
    }

    /** The inbox records written since the last call, in order. */
    List<InboxRecord> inboxRecords() {
        return inbox.readValuesToList();
    }

    List<KeyValue<String, PostCounts>> postCountUpdates() {
        return postCounts.readKeyValuesToList();
    }

    List<KeyValue<String, UserCounts>> userCountUpdates() {
        return userCounts.readKeyValuesToList();
    }

    PostCounts postCounts(String postId) {
        return driver.<String, PostCounts>getKeyValueStore(StoreNames.POST_COUNTS).get(postId);
    }

    UserCounts userCounts(String userId) {
        return driver.<String, UserCounts>getKeyValueStore(StoreNames.USER_COUNTS).get(userId);
    }

    InboxUser inboxUser(String userId) {
        return driver.<String, InboxUser>getKeyValueStore(StoreNames.INBOX_USERS).get(userId);
    }

    /** The user's inbox, oldest first. */
    List<InboxNotification> inbox(String userId) {
        KeyValueStore<String, InboxNotification> store = driver.getKeyValueStore(StoreNames.INBOX_ENTRIES);
        List<InboxNotification> entries = new ArrayList<>();
        try (KeyValueIterator<String, InboxNotification> it = store.range(InboxKeys.entry(userId, 0),
                InboxKeys.entry(userId, Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> entries.add(kv.value));
        }
        return entries;
    }

    @Override
    public void close() {
        driver.close();
    }
}
