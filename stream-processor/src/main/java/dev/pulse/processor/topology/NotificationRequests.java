package dev.pulse.processor.topology;

import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.TargetKind;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Who should hear about what, keyed by recipient: a new like or comment on your post, a new
 * follower, a message to you. Only joins notify (a flip to present), and never the actor about
 * their own action.
 */
final class NotificationRequests {

    private NotificationRequests() {
    }

    /**
     * Requests from likes, comments and follows, already on the recipient's partition: the author's
     * or followee's, which is where these events are keyed.
     */
    static KStream<String, NotificationRequest> local(KStream<String, Flip<LikeEvent>> likeFlips,
                                                      KStream<String, Flip<CommentEvent>> commentFlips,
                                                      KStream<String, Flip<FollowEvent>> followFlips) {
        KStream<String, NotificationRequest> likes = likeFlips
                .filter((author, f) -> f.present() && !f.event().getActorId().equals(author),
                        Named.as("like-joins-by-others"))
                .mapValues(f -> {
                    LikeEvent e = f.event();
                    return request(e.getPostAuthorId(), NotificationType.LIKE, e.getActorId(), TargetKind.POST,
                            e.getPostId(), "like:" + e.getPostId(), null, e.getEventId().toString(), e.getOccurredAt());
                }, Named.as("like-notification-requests"));
        KStream<String, NotificationRequest> comments = commentFlips
                .filter((author, f) -> f.present() && !f.event().getActorId().equals(author),
                        Named.as("comment-joins-by-others"))
                .mapValues(f -> {
                    CommentEvent e = f.event();
                    return request(e.getPostAuthorId(), NotificationType.COMMENT, e.getActorId(), TargetKind.POST,
                            e.getPostId(), "comment:" + e.getPostId(), e.getText(), e.getEventId().toString(),
                            e.getOccurredAt());
                }, Named.as("comment-notification-requests"));
        KStream<String, NotificationRequest> follows = followFlips
                .filter((followee, f) -> f.present() && !f.event().getActorId().equals(followee),
                        Named.as("follow-joins-by-others"))
                .mapValues(f -> {
                    FollowEvent e = f.event();
                    return request(e.getFolloweeId(), NotificationType.FOLLOW, e.getActorId(), TargetKind.USER,
                            e.getFolloweeId(), "follow", null, e.getEventId().toString(), e.getOccurredAt());
                }, Named.as("follow-notification-requests"));
        return likes.merge(comments).merge(follows);
    }

    /** One request per recipient of a message but its sender, keyed by recipient; they still have to move there. */
    static KStream<String, NotificationRequest> messages(KStream<String, DirectMessage> messages) {
        return messages.flatMap((conversationId, m) -> {
            Set<String> recipients = new LinkedHashSet<>(m.getRecipientIds());
            recipients.remove(m.getActorId());
            return recipients.stream().map(recipient -> KeyValue.pair(recipient, request(recipient,
                    NotificationType.MESSAGE, m.getActorId(), TargetKind.CONVERSATION, conversationId,
                    "message:" + conversationId, m.getText(), m.getEventId().toString(), m.getOccurredAt())))
                    .toList();
        }, Named.as("message-notification-requests"));
    }

    private static NotificationRequest request(String recipient, NotificationType type, String actor,
                                               TargetKind targetKind, String targetId, String groupKey,
                                               String text, String eventId, java.time.Instant at) {
        return new NotificationRequest(recipient, type.name(), actor, targetKind.name(), targetId, groupKey,
                Preview.of(text), eventId, at);
    }
}
