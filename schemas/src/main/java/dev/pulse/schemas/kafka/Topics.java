package dev.pulse.schemas.kafka;

import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.UserSettings;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue: every topic of the platform with its key and value types, serdes, the key
 * each record must have ({@link KeyRule}), partitions and cleanup. This is the only place a topic
 * name or key rule is written; the topic tool, the deployment manifests' checks, the publisher, the
 * stream processor and every service take them from here.
 *
 * <p>A prefix namespaces every name, for sharing one cluster between environments or tests.
 *
 * <p>{@code deadLetters} holds records a consumer could not process (undecodable bytes, a failing
 * rule), as they were, with the reason in headers: nothing is skipped silently.
 */
public record Topics(
        String prefix,
        Topic<String, LikeEvent> likes,
        Topic<String, CommentEvent> comments,
        Topic<String, FollowEvent> follows,
        Topic<String, DirectMessage> messages,
        Topic<String, InboxAction> reads,
        Topic<String, UserSettings> userSettings,
        Topic<String, PostCounts> postCounts,
        Topic<String, UserCounts> userCounts,
        Topic<String, TrendingSnapshot> trending,
        Topic<String, InboxRecord> inbox,
        Topic<String, Signal> signals,
        Topic<byte[], byte[]> deadLetters) {

    /** Partitions of every keyed topic: the unit of parallelism for processors and edge nodes. */
    public static final int DEFAULT_PARTITIONS = 6;
    /** The single key of every record on the trending topic. */
    public static final String TRENDING_KEY = "global";

    private static final Pattern LEGAL_PREFIX = Pattern.compile("[a-zA-Z0-9._-]{0,100}");
    private static final Optional<Duration> FOREVER = Optional.empty();

    /** The catalogue with plain names, as deployed. */
    public static Topics standard() {
        return withPrefix("");
    }

    /** The catalogue with every name prefixed, e.g. {@code staging.} or a test's namespace. */
    public static Topics withPrefix(String prefix) {
        if (prefix == null || !LEGAL_PREFIX.matcher(prefix).matches()) {
            throw new IllegalArgumentException("Illegal topic prefix '" + prefix
                    + "': use up to 100 of a-z A-Z 0-9 . _ -");
        }
        int p = DEFAULT_PARTITIONS;
        return new Topics(prefix,
                topic(prefix + "events.likes", LikeEvent.class, KeyRule.user(LikeEvent.class, "postAuthorId"),
                        p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.comments", CommentEvent.class, KeyRule.user(CommentEvent.class, "postAuthorId"),
                        p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.follows", FollowEvent.class, KeyRule.user(FollowEvent.class, "followeeId"),
                        p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.messages", DirectMessage.class,
                        KeyRule.field(DirectMessage.class, "conversationId"), p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.reads", InboxAction.class, KeyRule.user(InboxAction.class, "actorId"),
                        p, CleanupPolicy.DELETE, FOREVER),
                // Every version is kept, not compacted: a rebuild applies settings as of each event's time.
                topic(prefix + "user-settings", UserSettings.class, KeyRule.user(UserSettings.class, "userId"),
                        p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "counts.posts", PostCounts.class, KeyRule.field(PostCounts.class, "postId"),
                        p, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "counts.users", UserCounts.class, KeyRule.field(UserCounts.class, "userId"),
                        p, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "trending", TrendingSnapshot.class, KeyRule.fixed(TRENDING_KEY),
                        1, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "inbox", InboxRecord.class, KeyRule.field(InboxRecord.class, "recipientId"),
                        p, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(7))),
                topic(prefix + "signals", Signal.class, KeyRule.field(Signal.class, "recipientId"),
                        p, CleanupPolicy.DELETE, Optional.of(Duration.ofMinutes(1))),
                new Topic<>(prefix + "dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), KeyRule.asReceived(),
                        p, CleanupPolicy.DELETE, Optional.of(Duration.ofDays(30))));
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(String name, Class<V> valueType,
            KeyRule<String, V> keyRule, int partitions, CleanupPolicy cleanup, Optional<Duration> retention) {
        return new Topic<>(name, Serdes.String(), AvroSerde.of(valueType), keyRule, partitions, cleanup, retention);
    }

    /** Every topic, in declaration order. */
    public List<Topic<?, ?>> all() {
        return List.of(likes, comments, follows, messages, reads, userSettings, postCounts, userCounts,
                trending, inbox, signals, deadLetters);
    }

    /**
     * The topics keyed by user (see {@link KeyRule#keyedByUser()}): partition n of each belongs to the
     * stream processor's task n, so they must all have the same partition count.
     */
    @SuppressWarnings("unchecked")
    public List<Topic<String, ?>> keyedByUser() {
        return all().stream().filter(topic -> topic.keyRule().keyedByUser())
                .<Topic<String, ?>>map(topic -> (Topic<String, ?>) topic).toList();
    }

    /**
     * The topics producing services write: domain events, users' settings and signals. Every other
     * topic is derived by the stream processor, and no producer may write it.
     */
    public List<Topic<String, ? extends SpecificRecord>> published() {
        return List.of(likes, comments, follows, messages, reads, userSettings, signals);
    }

    /**
     * The topic a producer writes {@code record} to, chosen by its type (each value type is on one topic
     * only); {@link Topic#keyOf} then gives its key. This is how {@link EventPublisher} and the ingest API
     * place any record without restating the catalogue.
     *
     * @throws IllegalArgumentException if no producer may write records of that type
     */
    @SuppressWarnings("unchecked")
    public <V extends SpecificRecord> Topic<String, V> publishedTopicFor(V record) {
        Class<?> type = Objects.requireNonNull(record, "record").getClass();
        return (Topic<String, V>) published().stream()
                .filter(topic -> valueType(topic) == type)
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Producers do not publish " + type.getSimpleName()
                        + "; they publish " + published().stream().map(t -> valueType(t).getSimpleName()).toList()));
    }

    private static Class<?> valueType(Topic<String, ? extends SpecificRecord> topic) {
        return ((AvroSerde<?>) topic.valueSerde()).type();
    }

    /** The topic with this exact name, if the catalogue has it. */
    public Optional<Topic<?, ?>> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
