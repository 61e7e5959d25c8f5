package dev.pulse.schemas;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * One fully populated instance of every topic record, for round-trip and key tests. String fields of
 * one record hold different values, so a test can tell which field a key came from.
 */
public final class SampleRecords {

    private static final Instant AT = Instant.parse("2026-11-23T10:15:30.123Z");

    private SampleRecords() {
    }

    public static LikeEvent like() {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(AT).setActorId("ana")
                .setAction(LikeAction.LIKE).setPostId("post-1").setPostAuthorId("bob").build();
    }

    /** The sample of {@code type}. */
    public static <V extends SpecificRecord> V of(Class<V> type) {
        return type.cast(all().get(type));
    }

    public static Map<Class<? extends SpecificRecord>, SpecificRecord> all() {
        return Map.ofEntries(
                Map.entry(LikeEvent.class, like()),
                Map.entry(CommentEvent.class, CommentEvent.newBuilder().setEventId(UUID.randomUUID())
                        .setOccurredAt(AT).setActorId("ana").setAction(CommentAction.ADDED).setPostId("post-1")
                        .setPostAuthorId("bob").setCommentId("c-9").setText("nice ✓").build()),
                Map.entry(FollowEvent.class, FollowEvent.newBuilder().setEventId(UUID.randomUUID())
                        .setOccurredAt(AT).setActorId("ana").setAction(FollowAction.UNFOLLOW)
                        .setFolloweeId("bob").build()),
                Map.entry(DirectMessage.class, DirectMessage.newBuilder().setEventId(UUID.randomUUID())
                        .setOccurredAt(AT).setActorId("ana").setConversationId("conv-1").setMessageId("m-1")
                        .setRecipientIds(List.of("bob", "cid")).setText("hi").build()),
                Map.entry(InboxAction.class, InboxAction.newBuilder().setEventId(UUID.randomUUID())
                        .setOccurredAt(AT).setActorId("bob").setAction(InboxActionKind.ARCHIVE)
                        .setScope(Listed.newBuilder().setNotificationIds(List.of("n-3", "n-5")).build()).build()),
                Map.entry(UserSettings.class, UserSettings.newBuilder().setEventId(UUID.randomUUID())
                        .setOccurredAt(AT).setActorId("operator-7").setUserId("bob")
                        .setMutedTypes(List.of(NotificationType.FOLLOW))
                        .setBlockedUserIds(List.of("troll")).build()),
                Map.entry(PostCounts.class, PostCounts.newBuilder().setPostId("post-1").setLikes(42)
                        .setComments(7).setUpdatedAt(AT).build()),
                Map.entry(UserCounts.class, UserCounts.newBuilder().setUserId("bob").setFollowers(10)
                        .setFollowing(3).setLikesReceived(99).setUpdatedAt(AT).build()),
                Map.entry(TrendingSnapshot.class, TrendingSnapshot.newBuilder().setComputedAt(AT)
                        .setWindowMillis(3_600_000L)
                        .setEntries(List.of(TrendingEntry.newBuilder().setRank(1).setPostId("post-1")
                                .setScore(16.0).setLikes(12).setComments(2).build())).build()),
                Map.entry(InboxRecord.class, InboxRecord.newBuilder().setRecipientId("bob").setEpoch("e-1").setSeq(17)
                        .setOccurredAt(AT.truncatedTo(ChronoUnit.MILLIS))
                        .setChange(new NotificationIssued(InboxNotification.newBuilder().setNotificationId("n-1")
                                .setSeq(17).setType(NotificationType.LIKE).setActorIds(List.of("ana", "cid"))
                                .setActorCount(42).setTarget(NotificationTarget.newBuilder().setKind(TargetKind.POST)
                                        .setId("post-1").build())
                                .setGroupKey("like:post-1").setCreatedAt(AT.truncatedTo(ChronoUnit.MILLIS))
                                .setPreview(null).setSourceEventId(UUID.randomUUID()).build(), null))
                        .setDroppedNotificationIds(List.of("n-0")).setUnread(3).setUnseen(1).build()),
                Map.entry(Signal.class, Signal.newBuilder().setRecipientId("bob").setActorId("ana")
                        .setKind(SignalKind.TYPING).setConversationId("conv-1").setOccurredAt(AT).build()));
    }
}
