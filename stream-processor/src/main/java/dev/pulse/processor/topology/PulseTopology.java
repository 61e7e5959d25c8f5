package dev.pulse.processor.topology;

import dev.pulse.processor.inbox.InboxTopology;
import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.trending.TrendingTopology;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;

/**
 * The whole stream processor: every count, trend and notification derived from the event topics.
 *
 * <p>Everything about one user lives in one task: events arrive on the partition of the user whose
 * state they change most (likes and comments: the post's author; follows: the followee; reads: the
 * reader; see {@link OwnerKeys}), so memberships, the author's counts, trending and the recipient's
 * notifications are all computed where the event lands, and a like is one transaction from input to
 * notification. Only what belongs to someone else moves: post counts (to the post's partition), a
 * follower's "following" count (to the follower's) and a message's recipients (to theirs).
 *
 * <p>{@link Memberships} turn events into flips; {@link Counts}, trending input and notification
 * requests are all derived from flips, so they agree with each other by construction.
 */
public final class PulseTopology {

    private PulseTopology() {
    }

    /**
     * The application over the catalogue's topics: memberships, then counts, notifications and trending. Its
     * inbox processors mark the users they write in {@code openWrites}.
     */
    public static Topology build(Topics topics, TopologySettings settings, OpenWrites openWrites) {
        int users = userPartitions(topics);
        StreamsBuilder builder = new StreamsBuilder();
        // Likes, comments and follows need no dedup store: their membership store already ignores a
        // repeated event (same id and time are never newer), for good, not just within a window.
        KStream<String, LikeEvent> likes = ownerKeyed(builder, topics.likes());
        KStream<String, CommentEvent> comments = ownerKeyed(builder, topics.comments());
        KStream<String, FollowEvent> follows = ownerKeyed(builder, topics.follows());
        KStream<String, InboxAction> actions = Dedup.distinct(builder, ownerKeyed(builder, topics.reads()),
                e -> e.getEventId().toString(), StoreNames.DEDUP_READS, settings.dedupRetention());
        KStream<String, DirectMessage> messages = Dedup.distinct(builder, source(builder, topics.messages()),
                e -> e.getEventId().toString(), StoreNames.DEDUP_MESSAGES, settings.dedupRetention());

        KStream<String, Flip<LikeEvent>> likeFlips = Memberships.flips(builder, likes, Memberships.LIKES);
        KStream<String, Flip<CommentEvent>> commentFlips = Memberships.flips(builder, comments, Memberships.COMMENTS);
        KStream<String, Flip<FollowEvent>> followFlips = Memberships.flips(builder, follows, Memberships.FOLLOWS);

        Counts.posts(topics, likeFlips, commentFlips);
        Counts.users(topics, likeFlips, followFlips, users);
        InboxTopology.build(builder, topics, NotificationRequests.local(likeFlips, commentFlips, followFlips),
                NotificationRequests.messages(messages), actions, users, settings.inbox(), openWrites);
        TrendingTopology.build(builder, engagement(likeFlips, commentFlips), topics.trending(), settings.trending());
        return builder.build();
    }

    /**
     * The partition count shared by every topic keyed by user ({@link Topics#keyedByUser()}). Task n holds
     * partition n of each, so they must agree, or one user's events would be numbered by two tasks.
     */
    static int userPartitions(Topics topics) {
        List<Topic<String, ?>> byUser = topics.keyedByUser();
        int partitions = byUser.getFirst().partitions();
        for (Topic<String, ?> topic : byUser) {
            if (topic.partitions() != partitions) {
                throw new IllegalArgumentException("Topics keyed by user must have the same number of partitions, but "
                        + byUser.getFirst().name() + " has " + partitions + " and " + topic.name() + " has "
                        + topic.partitions());
            }
        }
        return partitions;
    }

    /**
     * The catalogue topics the application reads, taken from the built topology's sources: what a rebuild
     * replays from the beginning. Every other source is one of the application's own repartition topics.
     */
    public static List<String> inputTopics(Topics topics) {
        Set<String> catalogue = topics.all().stream().map(Topic::name).collect(Collectors.toSet());
        // Built only to be described: nothing runs it, so nothing waits on its open writes.
        Topology described = build(topics, TopologySettings.defaults(), new OpenWrites(Duration.ZERO));
        return sourceTopics(described).stream().filter(catalogue::contains).toList();
    }

    /** Every topic the topology's source nodes read, sorted; repartition topics without the application id. */
    static List<String> sourceTopics(Topology topology) {
        return topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Source.class::isInstance)
                .flatMap(source -> ((TopologyDescription.Source) source).topicSet().stream())
                .distinct().sorted().toList();
    }

    /** Likes and comments changes per post, for trending; each post's changes stay on its author's partition. */
    private static KStream<String, Engagement> engagement(KStream<String, Flip<LikeEvent>> likeFlips,
                                                  KStream<String, Flip<CommentEvent>> commentFlips) {
        return likeFlips.mapValues(f -> new Engagement(f.event().getPostId(), f.delta(), 0, f.event().getOccurredAt()))
                .merge(commentFlips.mapValues(f -> new Engagement(f.event().getPostId(), 0, f.delta(),
                        f.event().getOccurredAt())));
    }

    /** The events of a topic keyed by user, each refused unless it is under its owner's key. */
    private static <V> KStream<String, V> ownerKeyed(StreamsBuilder builder, Topic<String, V> topic) {
        return OwnerKeys.requireOwnerKey(source(builder, topic), topic);
    }

    private static <V> KStream<String, V> source(StreamsBuilder builder, Topic<String, V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde())
                .withName(topic.name().replace('.', '-') + "-source"));
    }
}
