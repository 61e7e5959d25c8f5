package dev.pulse.ingest;

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
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.WholeInbox;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/** One event of every kind the ingest API accepts, acted by {@value #ACTOR}, for the converter tests and the ITs. */
final class EventFixtures {

    static final String ACTOR = "ana";
    static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    private EventFixtures() {
    }

    /** Like, unlike, comment added and deleted, follow, unfollow, message, every inbox scope, settings. */
    static List<SpecificRecord> everyKind() {
        return List.of(like(LikeAction.LIKE), like(LikeAction.UNLIKE),
                comment(CommentAction.ADDED, "nice ✓"), comment(CommentAction.DELETED, null),
                follow(FollowAction.FOLLOW), follow(FollowAction.UNFOLLOW),
                DirectMessage.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                        .setConversationId("conv-1").setMessageId("m-1").setRecipientIds(List.of("bob", "cid"))
                        .setText("hi").build(),
                inbox(InboxActionKind.SEEN, UpTo.newBuilder().setPosition(new InboxPosition(AT, "n-7")).build()),
                inbox(InboxActionKind.ARCHIVE, Listed.newBuilder().setNotificationIds(List.of("n-3", "n-5")).build()),
                inbox(InboxActionKind.READ, new WholeInbox()),
                UserSettings.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                        .setUserId(ACTOR).setMutedTypes(List.of(NotificationType.FOLLOW))
                        .setBlockedUserIds(List.of("troll")).build());
    }

    static LikeEvent like(LikeAction action) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                .setAction(action).setPostId("post-1").setPostAuthorId("bob").build();
    }

    static CommentEvent comment(CommentAction action, String text) {
        return CommentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                .setAction(action).setPostId("post-1").setPostAuthorId("bob").setCommentId("c-9").setText(text).build();
    }

    static FollowEvent follow(FollowAction action) {
        return FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                .setAction(action).setFolloweeId("bob").build();
    }

    static InboxAction inbox(InboxActionKind action, Object scope) {
        return InboxAction.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId(ACTOR)
                .setAction(action).setScope(scope).build();
    }
}
