package dev.pulse.processor.topology;

import dev.pulse.processor.state.CountDelta;
import dev.pulse.processor.state.CountMetric;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every count, as the cardinality of a membership: each {@link Flip} becomes a +1 or -1
 * {@link CountDelta}, summed per subject into one {@link PostCounts} or {@link UserCounts} record,
 * kept in a store for interactive queries and published on the compacted counts topics. Because
 * every delta comes from a flip, a count never goes wrong or negative.
 */
final class Counts {

    private Counts() {
    }

    /**
     * Likes and comments per post, in the post's task (through {@code post-count-deltas}) so that any
     * instance can find them by postId; store {@link StoreNames#POST_COUNTS}, topic {@code counts.posts}.
     */
    static void posts(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
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
                .aggregate(() -> null, Counts::applyToPost,
                        Materialized.<String, PostCounts, KeyValueStore<Bytes, byte[]>>as(StoreNames.POST_COUNTS)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.postCounts().valueSerde()))
                .toStream(Named.as("post-counts-changes"))
                .to(topics.postCounts().name(), Produced.with(topics.postCounts().keySerde(),
                        topics.postCounts().valueSerde()));
    }

    /**
     * Likes received, followers and following per user, in the user's own task: likes received and
     * followers change where the flip happened; "following" belongs to the follower, so only that delta
     * moves (through {@code following-deltas}); store {@link StoreNames#USER_COUNTS}, topic {@code counts.users}.
     */
    static void users(Topics topics, KStream<String, Flip<LikeEvent>> likeFlips,
                      KStream<String, Flip<FollowEvent>> followFlips, int userPartitions) {
        Serde<CountDelta> deltaSerde = InternalSerdes.avro(CountDelta.class);
        KStream<String, CountDelta> following = followFlips
                .map((followee, f) -> KeyValue.pair(f.event().getActorId(),
                        new CountDelta(CountMetric.USER_FOLLOWING, f.delta(), f.event().getOccurredAt())),
                        Named.as("following-by-follower"))
                .repartition(Repartitioned.<String, CountDelta>as("following-deltas")
                        .withKeySerde(Serdes.String()).withValueSerde(deltaSerde)
                        .withNumberOfPartitions(userPartitions));
        likeFlips.mapValues(f -> new CountDelta(CountMetric.USER_LIKES_RECEIVED, f.delta(), f.event().getOccurredAt()),
                        Named.as("likes-received-by-author"))
                .merge(followFlips.mapValues(f -> new CountDelta(CountMetric.USER_FOLLOWERS, f.delta(),
                        f.event().getOccurredAt()), Named.as("followers-by-followee")))
                .merge(following)
                .groupByKey(Grouped.with(Serdes.String(), deltaSerde))
                .aggregate(() -> null, Counts::applyToUser,
                        Materialized.<String, UserCounts, KeyValueStore<Bytes, byte[]>>as(StoreNames.USER_COUNTS)
                                .withKeySerde(Serdes.String()).withValueSerde(topics.userCounts().valueSerde()))
                .toStream(Named.as("user-counts-changes"))
                .to(topics.userCounts().name(), Produced.with(topics.userCounts().keySerde(),
                        topics.userCounts().valueSerde()));
    }

    private static PostCounts applyToPost(String postId, CountDelta delta, PostCounts counts) {
        PostCounts.Builder next = counts == null
                ? PostCounts.newBuilder().setPostId(postId).setLikes(0).setComments(0)
                        .setUpdatedAt(delta.getOccurredAt())
                : PostCounts.newBuilder(counts);
        switch (delta.getMetric()) {
            case POST_LIKES -> next.setLikes(next.getLikes() + delta.getDelta());
            case POST_COMMENTS -> next.setComments(next.getComments() + delta.getDelta());
            default -> throw new IllegalArgumentException("Not a post metric: " + delta.getMetric());
        }
        return next.setUpdatedAt(later(next.getUpdatedAt(), delta.getOccurredAt())).build();
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
