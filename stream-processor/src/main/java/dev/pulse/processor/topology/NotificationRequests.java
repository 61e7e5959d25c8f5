package dev.pulse.processor.topology;

import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.state.RequestKind;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationTarget;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.TargetKind;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;

/**
 * Who should hear about what, keyed by recipient: a like or comment on your post, a new follower, a
 * message to you (CONTRIBUTE), and the same taken back by an unlike, a deleted comment or an unfollow
 * (WITHDRAW). Every flip of a membership is one request, never about the actor's own action. Groups:
 * likes of a post collapse into one notification, comments of a post into another, all follows into one,
 * the messages of a conversation into one, while it is unread.
 */
public final class NotificationRequests {

    private NotificationRequests() {
    }

    /**
     * Requests from likes, comments and follows, already on the recipient's partition: the author's or
     * followee's, which is where these events are keyed.
     */
    static KStream<String, NotificationRequest> local(KStream<String, Flip<LikeEvent>> likeFlips,
                                                      KStream<String, Flip<CommentEvent>> commentFlips,
                                                      KStream<String, Flip<FollowEvent>> followFlips) {
        KStream<String, NotificationRequest> likes = likeFlips
                .filter((author, f) -> !f.event().getActorId().equals(author), Named.as("likes-by-others"))
                .mapValues(f -> {
                    LikeEvent e = f.event();
                    return request(f, e.getPostAuthorId(), NotificationType.LIKE, e.getActorId(),
                            new NotificationTarget(TargetKind.POST, e.getPostId()), "like:" + e.getPostId(),
                            e.getActorId(), null, e.getEventId(), e.getOccurredAt());
                }, Named.as("like-notification-requests"));
        KStream<String, NotificationRequest> comments = commentFlips
                .filter((author, f) -> !f.event().getActorId().equals(author), Named.as("comments-by-others"))
                .mapValues(f -> {
                    CommentEvent e = f.event();
                    return request(f, e.getPostAuthorId(), NotificationType.COMMENT, e.getActorId(),
                            new NotificationTarget(TargetKind.POST, e.getPostId()), "comment:" + e.getPostId(),
                            e.getCommentId(), e.getText(), e.getEventId(), e.getOccurredAt());
                }, Named.as("comment-notification-requests"));
        KStream<String, NotificationRequest> follows = followFlips
                .filter((followee, f) -> !f.event().getActorId().equals(followee), Named.as("follows-by-others"))
                .mapValues(f -> {
                    FollowEvent e = f.event();
                    return request(f, e.getFolloweeId(), NotificationType.FOLLOW, e.getActorId(),
                            new NotificationTarget(TargetKind.USER, e.getFolloweeId()), "follow", e.getActorId(),
                            null, e.getEventId(), e.getOccurredAt());
                }, Named.as("follow-notification-requests"));
        return likes.merge(comments).merge(follows);
    }

    /** One request per recipient of a message but its sender, keyed by recipient; they still have to move there. */
    static KStream<String, NotificationRequest> messages(KStream<String, DirectMessage> messages) {
        return messages.flatMap((conversationId, m) -> {
            Set<String> recipients = new LinkedHashSet<>(m.getRecipientIds());
            recipients.remove(m.getActorId());
            return recipients.stream().map(recipient -> KeyValue.pair(recipient, request(RequestKind.CONTRIBUTE,
                    recipient, NotificationType.MESSAGE, m.getActorId(),
                    new NotificationTarget(TargetKind.CONVERSATION, conversationId), "message:" + conversationId,
                    m.getMessageId(), m.getText(), m.getEventId(), m.getOccurredAt()))).toList();
        }, Named.as("message-notification-requests"));
    }

    /** The request's notification type. */
    public static NotificationType type(NotificationRequest request) {
        return NotificationType.valueOf(request.getType());
    }

    /** The request's target. */
    public static NotificationTarget target(NotificationRequest request) {
        return new NotificationTarget(TargetKind.valueOf(request.getTargetKind()), request.getTargetId());
    }

    private static NotificationRequest request(Flip<?> flip, String recipient, NotificationType type, String actor,
                                               NotificationTarget target, String groupKey, String contributionId,
                                               String text, UUID eventId, Instant at) {
        return request(flip.present() ? RequestKind.CONTRIBUTE : RequestKind.WITHDRAW, recipient, type, actor, target,
                groupKey, contributionId, flip.present() ? text : null, eventId, at);
    }

    private static NotificationRequest request(RequestKind kind, String recipient, NotificationType type, String actor,
                                               NotificationTarget target, String groupKey, String contributionId,
                                               String text, UUID eventId, Instant at) {
        return new NotificationRequest(recipient, kind, type.name(), actor, target.getKind().name(), target.getId(),
                groupKey, contributionId, Preview.of(text), type == NotificationType.MESSAGE ? text : null, eventId, at);
    }
}
