package dev.pulse.processor.topology;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.ReadAll;
import dev.pulse.schemas.ReadEvent;
import dev.pulse.schemas.ReadSeqs;
import dev.pulse.schemas.ReadUpTo;
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

    static ReadEvent readUpTo(String reader, long seq, int second) {
        return read(reader, new ReadUpTo(seq), second);
    }

    static ReadEvent readSeqs(String reader, List<Long> seqs, int second) {
        return read(reader, new ReadSeqs(seqs), second);
    }

    static ReadEvent readAll(String reader, int second) {
        return read(reader, new ReadAll(), second);
    }

    private static ReadEvent read(String reader, Object scope, int second) {
        return ReadEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(reader)
                .setScope(scope).build();
    }

    static UserSettings settings(String user, List<NotificationType> muted, List<String> blocked, int second) {
        return UserSettings.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(user)
                .setUserId(user).setMutedTypes(muted).setBlockedUserIds(blocked).build();
    }
}
