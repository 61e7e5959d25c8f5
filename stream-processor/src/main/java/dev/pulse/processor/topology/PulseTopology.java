package dev.pulse.processor.topology;

import dev.pulse.processor.state.CountDelta;
import dev.pulse.processor.state.CountMetric;
import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.inbox.InboxTopology;
import dev.pulse.processor.trending.TrendingTopology;
import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

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
 * <p>Memberships turn events into flips; counts, trending input and notification requests are all
 * derived from flips, so they agree with each other by construction.
 */
public final class PulseTopology {

    private PulseTopology() {
    }

    public static Topology build(Topics topics, TopologySettings settings) {
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

        KStream<String, Flip<LikeEvent>> likeFlips = Memberships.flips(builder, likes, new MembershipRule<>(
                e -> Memberships.key(e.getPostId(), e.getActorId()), e -> e.getAction() == LikeAction.LIKE,
                LikeEvent::getOccurredAt, e -> e.getEventId().toString()), StoreNames.LIKE_MEMBERSHIP);
        KStream<String, Flip<CommentEvent>> commentFlips = Memberships.flips(builder, comments, new MembershipRule<>(
                e -> Memberships.key(e.getPostId(), e.getCommentId()), e -> e.getAction() == CommentAction.ADDED,
                CommentEvent::getOccurredAt, e -> e.getEventId().toString()), StoreNames.COMMENT_MEMBERSHIP);
        KStream<String, Flip<FollowEvent>> followFlips = Memberships.flips(builder, follows, new MembershipRule<>(
                e -> Memberships.key(e.getFolloweeId(), e.getActorId()), e -> e.getAction() == FollowAction.FOLLOW,
                FollowEvent::getOccurredAt, e -> e.getEventId().toString()), StoreNames.FOLLOW_MEMBERSHIP);

        postCounts(topics, likeFlips, commentFlips);
        userCounts(topics, likeFlips, followFlips, users);
        InboxTopology.build(builder, topics, NotificationRequests.local(likeFlips, commentFlips, followFlips),
                NotificationRequests.messages(messages), actions, users, settings.inbox());
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
        return sourceTopics(build(topics, TopologySettings.defaults())).stream().filter(catalogue::contains).toList();
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

    /** Post counts live on the post's partition, so any instance can find them by postId. */
    private static void postCounts(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
                                   KStream<String, Flip<CommentEvent>> commentFlips) {
        KStream<String, CountDelta> deltas = likeFlips
                .map((author, f) -> KeyValue.pair(f.event().getPostId(), new CountDelta(CountMetric.POST_LIKES,
                        f.delta(), f.event().getOccurredAt())), Named.as("post-likes-by-post"))
                .merge(commentFlips.map((author, f) -> KeyValue.pair(f.event().getPostId(),
                        new CountDelta(CountMetric.POST_COMMENTS, f.delta(), f.event().getOccurredAt())),
                        Named.as("post-comments-by-post")));
        deltas.repartition(Repartitioned.<String, CountDelta>as("post-count-deltas")
                        .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.avro(CountDelta.class))
                        .withNumberOfPartitions(topics.postCounts().partitions()))
                .groupByKey(Grouped.with(Serdes.String(), InternalSerdes.avro(CountDelta.class)))
                .aggregate(() -> null, PulseTopology::applyToPost,
                        Materialized.<String, PostCounts, KeyValueStore<Bytes, byte[]>>as(StoreNames.POST_COUNTS)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.postCounts().valueSerde()))
                .toStream(Named.as("post-counts-changes"))
                .to(topics.postCounts().name(), Produced.with(topics.postCounts().keySerde(),
                        topics.postCounts().valueSerde()));
    }

    private static PostCounts applyToPost(String postId, CountDelta delta, PostCounts counts) {
        PostCounts.Builder next = counts == null
                ? PostCounts.newBuilder().setPostId(postId).setLikes(0).setComments(0).setUpdatedAt(delta.getOccurredAt())
                : PostCounts.newBuilder(counts);
        switch (delta.getMetric()) {
            case POST_LIKES -> next.setLikes(next.getLikes() + delta.getDelta());
            case POST_COMMENTS -> next.setComments(next.getComments() + delta.getDelta());
            default -> throw new IllegalArgumentException("Not a post metric: " + delta.getMetric());
        }
        return next.setUpdatedAt(later(next.getUpdatedAt(), delta.getOccurredAt())).build();
    }

    /**
     * Likes received and followers change on the user's own partition, where the flip happened;
     * "following" belongs to the follower, so only that delta moves.
     */
    private static void userCounts(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
                                   KStream<String, Flip<FollowEvent>> followFlips, int users) {
        Serde<CountDelta> deltaSerde = InternalSerdes.avro(CountDelta.class);
        KStream<String, CountDelta> following = followFlips
                .map((followee, f) -> KeyValue.pair(f.event().getActorId(),
                        new CountDelta(CountMetric.USER_FOLLOWING, f.delta(), f.event().getOccurredAt())),
                        Named.as("following-by-follower"))
                .repartition(Repartitioned.<String, CountDelta>as("following-deltas")
                        .withKeySerde(Serdes.String()).withValueSerde(deltaSerde).withNumberOfPartitions(users));
        likeFlips.mapValues(f -> new CountDelta(CountMetric.USER_LIKES_RECEIVED, f.delta(), f.event().getOccurredAt()),
                        Named.as("likes-received-by-author"))
                .merge(followFlips.mapValues(f -> new CountDelta(CountMetric.USER_FOLLOWERS, f.delta(),
                        f.event().getOccurredAt()), Named.as("followers-by-followee")))
                .merge(following)
                .groupByKey(Grouped.with(Serdes.String(), deltaSerde))
                .aggregate(() -> null, PulseTopology::applyToUser,
                        Materialized.<String, UserCounts, KeyValueStore<Bytes, byte[]>>as(StoreNames.USER_COUNTS)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.userCounts().valueSerde()))
                .toStream(Named.as("user-counts-changes"))
                .to(topics.userCounts().name(), Produced.with(topics.userCounts().keySerde(),
                        topics.userCounts().valueSerde()));
    }

    private static UserCounts applyToUser(String userId, CountDelta delta, UserCounts counts) {
        UserCounts.Builder next = counts == null
                ? UserCounts.newBuilder().setUserId(userId).setFollowers(0).setFollowing(0).setLikesReceived(0)
                        .setUpdatedAt(delta.getOccurredAt())
                : UserCounts.newBuilder(counts);
        switch (delta.getMetric()) {
            case USER_FOLLOWERS -> next.setFollowers(next.getFollowers() + delta.getDelta());
            case USER_FOLLOWING -> next.setFollowing(next.getFollowing() + delta.getDelta());
            case USER_LIKES_RECEIVED -> next.setLikesReceived(next.getLikesReceived() + delta.getDelta());
            default -> throw new IllegalArgumentException("Not a user metric: " + delta.getMetric());
        }
        return next.setUpdatedAt(later(next.getUpdatedAt(), delta.getOccurredAt())).build();
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
