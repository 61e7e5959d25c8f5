package dev.pulse.processor.topology;

import dev.pulse.processor.state.CountDelta;
import dev.pulse.processor.state.CountMetric;
import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.trending.TrendingTopology;
import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.ReadEvent;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
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
 * Events are deduplicated by id, then turned into membership flips; counts, trending input and
 * notification requests are all derived from flips, so they agree with each other by construction.
 */
public final class PulseTopology {

    private PulseTopology() {
    }

    public static Topology build(Topics topics, TopologySettings settings) {
        StreamsBuilder builder = new StreamsBuilder();
        // Likes, comments and follows need no dedup store: their membership store already ignores a
        // repeated event (same id and time are never newer), for good, not just within a window.
        KStream<String, LikeEvent> likes = source(builder, topics.likes());
        KStream<String, CommentEvent> comments = source(builder, topics.comments());
        KStream<String, FollowEvent> follows = source(builder, topics.follows());
        KStream<String, DirectMessage> messages = Dedup.distinct(builder, source(builder, topics.messages()),
                e -> e.getEventId().toString(), StoreNames.DEDUP_MESSAGES, settings.dedupRetention());
        KStream<String, ReadEvent> reads = Dedup.distinct(builder, source(builder, topics.reads()),
                e -> e.getEventId().toString(), StoreNames.DEDUP_READS, settings.dedupRetention());

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
        userCounts(topics, likeFlips, followFlips);
        KStream<String, NotificationRequest> requests = NotificationRequests.from(likeFlips, commentFlips,
                followFlips, messages);
        Notifications.build(builder, topics, requests, reads, settings);
        TrendingTopology.build(builder, engagement(likeFlips, commentFlips), topics.trending(), settings.trending());
        return builder.build();
    }

    /** Likes and comments changes per post, for trending; key postId. */
    private static KStream<String, Engagement> engagement(KStream<String, Flip<LikeEvent>> likeFlips,
                                                  KStream<String, Flip<CommentEvent>> commentFlips) {
        return likeFlips.mapValues(f -> new Engagement(f.event().getPostId(), f.delta(), 0, f.event().getOccurredAt()))
                .merge(commentFlips.mapValues(f -> new Engagement(f.event().getPostId(), 0, f.delta(),
                        f.event().getOccurredAt())));
    }

    private static <V> KStream<String, V> source(StreamsBuilder builder, Topic<String, V> topic) {
        return builder.stream(topic.name(), Consumed.with(topic.keySerde(), topic.valueSerde())
                .withName(topic.name().replace('.', '-') + "-source"));
    }

    private static void postCounts(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
                                   KStream<String, Flip<CommentEvent>> commentFlips) {
        KStream<String, CountDelta> deltas = likeFlips
                .mapValues(f -> new CountDelta(CountMetric.POST_LIKES, f.delta(), f.event().getOccurredAt()))
                .merge(commentFlips.mapValues(f -> new CountDelta(CountMetric.POST_COMMENTS, f.delta(),
                        f.event().getOccurredAt())));
        deltas.groupByKey(Grouped.with(Serdes.String(), InternalSerdes.avro(CountDelta.class)))
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

    private static void userCounts(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
                                   KStream<String, Flip<FollowEvent>> followFlips) {
        KStream<String, CountDelta> deltas = likeFlips.flatMap((postId, f) -> List.of(KeyValue.pair(
                        f.event().getPostAuthorId(),
                        new CountDelta(CountMetric.USER_LIKES_RECEIVED, f.delta(), f.event().getOccurredAt()))),
                Named.as("likes-received-by-author"))
                .merge(followFlips.flatMap((followee, f) -> {
                    List<KeyValue<String, CountDelta>> both = new ArrayList<>(2);
                    Instant at = f.event().getOccurredAt();
                    both.add(KeyValue.pair(followee, new CountDelta(CountMetric.USER_FOLLOWERS, f.delta(), at)));
                    both.add(KeyValue.pair(f.event().getActorId(),
                            new CountDelta(CountMetric.USER_FOLLOWING, f.delta(), at)));
                    return both;
                }, Named.as("follow-counts-by-user")));
        deltas.repartition(Repartitioned.<String, CountDelta>as("user-count-deltas")
                        .withKeySerde(Serdes.String()).withValueSerde(InternalSerdes.avro(CountDelta.class))
                        .withNumberOfPartitions(topics.userCounts().partitions()))
                .groupByKey(Grouped.with(Serdes.String(), InternalSerdes.avro(CountDelta.class)))
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
