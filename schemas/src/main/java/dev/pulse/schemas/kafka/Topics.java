package dev.pulse.schemas.kafka;

import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.Notification;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.ReadEvent;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.UserSettings;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The topic catalogue: every topic of the platform with its key and value types, serdes,
 * partitions and cleanup. This is the only place a topic name is written; the topic tool,
 * the deployment manifests' checks and every service take names from here.
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
        Topic<String, ReadEvent> reads,
        Topic<String, UserSettings> userSettings,
        Topic<String, PostCounts> postCounts,
        Topic<String, UserCounts> userCounts,
        Topic<String, TrendingSnapshot> trending,
        Topic<String, Notification> notifications,
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
        Serde<String> key = Serdes.String();
        int p = DEFAULT_PARTITIONS;
        return new Topics(prefix,
                topic(prefix + "events.likes", key, LikeEvent.class, p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.comments", key, CommentEvent.class, p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.follows", key, FollowEvent.class, p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.messages", key, DirectMessage.class, p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "events.reads", key, ReadEvent.class, p, CleanupPolicy.DELETE, FOREVER),
                topic(prefix + "user-settings", key, UserSettings.class, p, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "counts.posts", key, PostCounts.class, p, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "counts.users", key, UserCounts.class, p, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "trending", key, TrendingSnapshot.class, 1, CleanupPolicy.COMPACT, FOREVER),
                topic(prefix + "notifications", key, Notification.class, p, CleanupPolicy.DELETE,
                        Optional.of(Duration.ofDays(7))),
                topic(prefix + "signals", key, Signal.class, p, CleanupPolicy.DELETE,
                        Optional.of(Duration.ofMinutes(1))),
                new Topic<>(prefix + "dead-letters", Serdes.ByteArray(), Serdes.ByteArray(), p, CleanupPolicy.DELETE,
                        Optional.of(Duration.ofDays(30))));
    }

    private static <V extends SpecificRecord> Topic<String, V> topic(String name, Serde<String> keySerde,
            Class<V> valueType, int partitions, CleanupPolicy cleanup, Optional<Duration> retention) {
        return new Topic<>(name, keySerde, AvroSerde.of(valueType), partitions, cleanup, retention);
    }

    /** Every topic, in declaration order. */
    public List<Topic<?, ?>> all() {
        return List.of(likes, comments, follows, messages, reads, userSettings, postCounts, userCounts,
                trending, notifications, signals, deadLetters);
    }

    /** The topic with this exact name, if the catalogue has it. */
    public Optional<Topic<?, ?>> byName(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }
}
