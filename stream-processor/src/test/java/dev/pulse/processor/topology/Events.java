package dev.pulse.processor.topology;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationType;
import dev.pulse.processor.inbox.Positions;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import dev.pulse.schemas.UserSettings;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Domain events for tests: each call is a new event with a fresh id, {@code second} seconds after the start. */
final class Events {

    private Events() {
    }

    static Instant at(int second) {
        return TopologyHarness.START.plusSeconds(second);
    }

    static LikeEvent like(String actor, String post, String author, int second) {
        return likeEvent(actor, post, author, LikeAction.LIKE, second);
    }

    static LikeEvent unlike(String actor, String post, String author, int second) {
        return likeEvent(actor, post, author, LikeAction.UNLIKE, second);
    }

    private static LikeEvent likeEvent(String actor, String post, String author, LikeAction action, int second) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(actor)
                .setAction(action).setPostId(post).setPostAuthorId(author).build();
    }

    static CommentEvent comment(String actor, String post, String author, String commentId, int second) {
        return CommentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(actor)
                .setAction(CommentAction.ADDED).setPostId(post).setPostAuthorId(author).setCommentId(commentId)
                .setText("comment " + commentId).build();
    }

    static CommentEvent deleteComment(String actor, String post, String author, String commentId, int second) {
        return CommentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(actor)
                .setAction(CommentAction.DELETED).setPostId(post).setPostAuthorId(author).setCommentId(commentId)
                .setText(null).build();
    }

    static FollowEvent follow(String follower, String followee, int second) {
        return FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(follower)
                .setAction(FollowAction.FOLLOW).setFolloweeId(followee).build();
    }

    static FollowEvent unfollow(String follower, String followee, int second) {
        return FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(follower)
                .setAction(FollowAction.UNFOLLOW).setFolloweeId(followee).build();
    }

    static DirectMessage message(String sender, String conversation, List<String> recipients, int second) {
        return DirectMessage.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(sender)
                .setConversationId(conversation).setMessageId(UUID.randomUUID().toString())
                .setRecipientIds(recipients).setText("hello").build();
    }

    /** {@code kind} of every notification at or before {@code newest}'s position. */
    static InboxAction upTo(String user, InboxActionKind kind, InboxNotification newest, int second) {
        return act(user, kind, new UpTo(Positions.of(newest), 0L), second);
    }

    /** {@code kind} of every notification with seq at most {@code seq}, as ReadEvent named them. */
    static InboxAction upToSeq(String user, InboxActionKind kind, long seq, int second) {
        return act(user, kind, new UpTo(null, seq), second);
    }

    static InboxAction listed(String user, InboxActionKind kind, List<String> notificationIds, int second) {
        return act(user, kind, new Listed(notificationIds, List.of()), second);
    }

    static InboxAction whole(String user, InboxActionKind kind, int second) {
        return act(user, kind, new WholeInbox(), second);
    }

    static InboxAction act(String user, InboxActionKind kind, Object scope, int second) {
        return InboxAction.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(user)
                .setAction(kind).setScope(scope).build();
    }

    static UserSettings settings(String user, List<NotificationType> muted, List<String> blocked, int second) {
        return UserSettings.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(user)
                .setUserId(user).setMutedTypes(muted).setBlockedUserIds(blocked).build();
    }
}
