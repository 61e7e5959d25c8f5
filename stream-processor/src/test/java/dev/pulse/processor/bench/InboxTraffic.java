package dev.pulse.processor.bench;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxPosition;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * What users do with their inboxes, for the bench's inbox mix: inbox actions by users who were
 * recently notified, and retractions of contributions that still stand.
 *
 * <p>It remembers, per recipient, the newest contribution generated for them (its time and event id).
 * That is the position an inbox shows as newest ({@code createdAt} is the newest contribution's time),
 * so "seen/read up to" it covers the whole inbox the way a client's would. A notification's id is the
 * event id of the contribution that opened it, so listing the newest contribution's id names a real
 * notification when that contribution opened one, and nothing (no change, no record) when it joined an
 * already open group.
 *
 * <p>Retractions take a random standing like, comment or follow (in the proportions they are generated,
 * 62:15:12) out of a bounded pool and withdraw it: an unlike, a comment delete, an unfollow.
 */
final class InboxTraffic {

    private static final int POOL = 8192;

    private final Random random;
    private final Map<String, Newest> newest = new HashMap<>();
    private final String[] recentRecipients = new String[4096];
    private long recipientsSeen;
    private final List<LikeEvent> likes = new ArrayList<>();
    private final List<CommentEvent> comments = new ArrayList<>();
    private final List<FollowEvent> follows = new ArrayList<>();
    private final Map<String, Long> actionCounts = new HashMap<>();
    private long actions;

    InboxTraffic(Random random) {
        this.random = random;
    }

    private record Newest(Instant at, String eventId) {
    }

    void contributed(LikeEvent like) {
        notified(like.getPostAuthorId(), like.getActorId(), like.getOccurredAt(), like.getEventId());
        pool(likes, like);
    }

    void contributed(CommentEvent comment) {
        notified(comment.getPostAuthorId(), comment.getActorId(), comment.getOccurredAt(), comment.getEventId());
        pool(comments, comment);
    }

    void contributed(FollowEvent follow) {
        notified(follow.getFolloweeId(), follow.getActorId(), follow.getOccurredAt(), follow.getEventId());
        pool(follows, follow);
    }

    void contributed(DirectMessage message) {
        message.getRecipientIds().stream().distinct().forEach(recipient ->
                notified(recipient, message.getActorId(), message.getOccurredAt(), message.getEventId()));
    }

    /**
     * An action by a recently notified user: mostly SEEN (45 %) or READ (30 %) up to their newest
     * notification, READ (10 %), ARCHIVE (4 %) or UNREAD (3 %) of the newest one by id, READ (5 %) or
     * SEEN (3 %) of the whole inbox. Null before anyone was notified.
     */
    InboxAction action(UUID eventId, Instant at) {
        if (recipientsSeen == 0) {
            return null;
        }
        String user = recentRecipients[random.nextInt((int) Math.min(recipientsSeen, recentRecipients.length))];
        Newest last = newest.get(user);
        int pick = random.nextInt(100);
        InboxActionKind kind = pick < 45 || pick >= 90 && pick < 93 ? InboxActionKind.SEEN
                : pick < 93 ? InboxActionKind.READ
                : pick < 97 ? InboxActionKind.ARCHIVE : InboxActionKind.UNREAD;
        Object scope;
        if (pick < 75) {
            scope = UpTo.newBuilder().setPosition(new InboxPosition(last.at(), last.eventId())).build();
        } else if (pick >= 85 && pick < 93) {
            scope = new WholeInbox();
        } else {
            scope = Listed.newBuilder().setNotificationIds(List.of(last.eventId())).build();
        }
        actions++;
        actionCounts.merge(kind + " " + scope.getClass().getSimpleName(), 1L, Long::sum);
        return InboxAction.newBuilder().setEventId(eventId).setOccurredAt(at).setActorId(user).setAction(kind)
                .setScope(scope).build();
    }

    /** Withdraws a standing like, comment or follow, or null when none stands. */
    SpecificRecord retraction(UUID eventId, Instant at) {
        int pick = random.nextInt(89);
        if (pick < 62 && !likes.isEmpty()) {
            return LikeEvent.newBuilder(take(likes)).setEventId(eventId).setOccurredAt(at)
                    .setAction(LikeAction.UNLIKE).build();
        }
        if (pick < 77 && !comments.isEmpty()) {
            return CommentEvent.newBuilder(take(comments)).setEventId(eventId).setOccurredAt(at)
                    .setAction(CommentAction.DELETED).setText(null).build();
        }
        if (!follows.isEmpty()) {
            return FollowEvent.newBuilder(take(follows)).setEventId(eventId).setOccurredAt(at)
                    .setAction(FollowAction.UNFOLLOW).build();
        }
        return null;
    }

    long actions() {
        return actions;
    }

    /** How many actions of each kind and scope, largest first. */
    String actionMix() {
        return actionCounts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> "%s %,d".formatted(e.getKey(), e.getValue())).collect(Collectors.joining(", "));
    }

    private void notified(String recipient, String actor, Instant at, UUID eventId) {
        if (recipient.equals(actor)) {
            return; // no one is notified of their own doing
        }
        newest.put(recipient, new Newest(at, eventId.toString()));
        recentRecipients[(int) (recipientsSeen++ % recentRecipients.length)] = recipient;
    }

    private <T> void pool(List<T> pool, T event) {
        if (pool.size() < POOL) {
            pool.add(event);
        } else {
            pool.set(random.nextInt(POOL), event);
        }
    }

    /** Removes and returns a random element (swap with the last: order does not matter). */
    private <T> T take(List<T> pool) {
        int i = random.nextInt(pool.size());
        T taken = pool.get(i);
        pool.set(i, pool.getLast());
        pool.removeLast();
        return taken;
    }
}
