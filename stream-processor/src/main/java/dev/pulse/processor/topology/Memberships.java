package dev.pulse.processor.topology;

import dev.pulse.processor.state.Membership;
import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * Set memberships: who likes which post, which comments a post has, who follows whom. Every count,
 * trend and like/comment/follow notification derives from the {@link Flip}s made here, so this is
 * the one place that decides whether an event changes anything.
 *
 * <p>A membership store keeps one {@link Membership} per (set, member): the newest event by
 * occurrence time, ties broken by event id. An event goes on only when it flips the member in or
 * out, so a duplicate, a second LIKE, an UNLIKE without a LIKE, or an UNLIKE overtaken by its older
 * LIKE changes nothing; cost is one store read and at most one write per event, however large the set.
 */
final class Memberships {

    /** The likers of a post: member (post, actor), in on LIKE, out on UNLIKE. */
    static final Rule<LikeEvent> LIKES = new Rule<>(StoreNames.LIKE_MEMBERSHIP,
            LikeEvent::getPostId, LikeEvent::getActorId, e -> e.getAction() == LikeAction.LIKE,
            LikeEvent::getOccurredAt, e -> e.getEventId().toString());

    /** The comments of a post: member (post, commentId), in when ADDED, out when DELETED. */
    static final Rule<CommentEvent> COMMENTS = new Rule<>(StoreNames.COMMENT_MEMBERSHIP,
            CommentEvent::getPostId, CommentEvent::getCommentId, e -> e.getAction() == CommentAction.ADDED,
            CommentEvent::getOccurredAt, e -> e.getEventId().toString());

    /** The followers of a user: member (followee, follower), in on FOLLOW, out on UNFOLLOW. */
    static final Rule<FollowEvent> FOLLOWS = new Rule<>(StoreNames.FOLLOW_MEMBERSHIP,
            FollowEvent::getFolloweeId, FollowEvent::getActorId, e -> e.getAction() == FollowAction.FOLLOW,
            FollowEvent::getOccurredAt, e -> e.getEventId().toString());

    private Memberships() {
    }

    /** The flips {@code events} make under {@code rule}; registers the rule's store. */
    static <V> KStream<String, Flip<V>> flips(StreamsBuilder builder, KStream<String, V> events, Rule<V> rule) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(rule.storeName()),
                Serdes.String(), InternalSerdes.avro(Membership.class)));
        return events.processValues(() -> new FlipProcessor<>(rule),
                Named.as(rule.storeName() + "-processor"), rule.storeName());
    }

    /**
     * How an event maps onto one membership: the set and the member it concerns, whether it says
     * "in" or "out", and when it happened; kept in the store {@code storeName}.
     */
    record Rule<V>(String storeName, Function<V, String> set, Function<V, String> member, Predicate<V> present,
                   Function<V, Instant> occurredAt, Function<V, String> eventId) {

        /** The store key: set and member ids joined by NUL, which no post, user or comment id contains. */
        String memberKey(V event) {
            return set.apply(event) + '\u0000' + member.apply(event);
        }

        /** What the store keeps of {@code event}: the member's state after it, and what orders it. */
        Membership membership(V event) {
            return new Membership(present.test(event), occurredAt.apply(event), eventId.apply(event));
        }
    }

    /** Forwards an event only when it is the member's newest and flips it in or out. */
    private static final class FlipProcessor<V> implements FixedKeyProcessor<String, V, Flip<V>> {

        private final Rule<V> rule;
        private FixedKeyProcessorContext<String, Flip<V>> context;
        private KeyValueStore<String, Membership> memberships;

        FlipProcessor(Rule<V> rule) {
            this.rule = rule;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, Flip<V>> context) {
            this.context = context;
            this.memberships = context.getStateStore(rule.storeName());
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            V event = record.value();
            String key = rule.memberKey(event);
            Membership current = memberships.get(key);
            Membership next = rule.membership(event);
            if (current != null && !isNewer(next, current)) {
                return;
            }
            memberships.put(key, next);
            boolean before = current != null && current.getPresent();
            if (before != next.getPresent()) {
                context.forward(record.withValue(new Flip<>(event, next.getPresent())));
            }
        }

        private static boolean isNewer(Membership candidate, Membership current) {
            int byTime = candidate.getOccurredAt().compareTo(current.getOccurredAt());
            return byTime > 0 || (byTime == 0 && candidate.getEventId().compareTo(current.getEventId()) > 0);
        }
    }
}
