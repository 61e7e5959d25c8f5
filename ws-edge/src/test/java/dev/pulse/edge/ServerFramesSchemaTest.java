package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pulse.edge.protocol.ProtocolSchemas;
import dev.pulse.schemas.DeliveredMessage;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.NotificationTarget;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.TargetKind;
import dev.pulse.schemas.views.InboxViews;
import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.schemas.views.TrendingView;
import dev.pulse.schemas.views.UserCountsView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Every frame type the edge sends, as {@link ServerFrames} and {@link InboxFrames} write it from sample
 * records, fits its schema in docs/protocol, with its optional parts present and absent.
 */
class ServerFramesSchemaTest {

    private static final Instant AT = Instant.parse("2026-11-30T11:59:58.123Z");

    private final ProtocolSchemas schemas = ProtocolSchemas.serverFrames();

    @Test
    void shouldDescribeAHelloOfAResumedConnection() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Hello(UUID.randomUUID().toString(), "bob", "edge-1",
                30, "9b0e", 164, new ServerFrames.Resumed(150, 31))));
    }

    @Test
    void shouldDescribeAHelloOfAUserWithoutAnInbox() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Hello("c1", "bob", "edge-1", 30, null, 0, null)));
    }

    @Test
    void shouldDescribeALiveNotificationWithWhatTheCapDropped() {
        schemas.requireValid(InboxFrames.live(record(7, new NotificationIssued(notification(7, null, null), null),
                List.of("old-1", "old-2"))).text());
    }

    @Test
    void shouldDescribeALiveNotificationWithItsPreviewAndStates() {
        schemas.requireValid(InboxFrames.live(record(8, new NotificationIssued(notification(8, "nice post", AT), null),
                List.of())).text());
    }

    @Test
    void shouldDescribeAMessageSentForTheSendersConnections() {
        String frame = ServerFrames.text(new ServerFrames.MessageSent("c-1", UUID.randomUUID().toString(),
                "see you at 8?", Instant.parse("2026-11-30T12:00:01.310Z")));

        schemas.requireValid(frame);
        assertThat(frame).contains("\"type\":\"message_sent\"").contains("\"text\":\"see you at 8?\"");
    }

    @Test
    void shouldDescribeAWholeMessageRightAfterItsNotification() {
        String text = "see you at 8? ".repeat(20).strip();
        InboxNotification message = InboxNotification.newBuilder(notification(11, "see you", null))
                .setType(NotificationType.MESSAGE).setTarget(new NotificationTarget(TargetKind.CONVERSATION, "c-1"))
                .setGroupKey("message:c-1").build();

        InboxFrames.Live live = InboxFrames.live(record(11, new NotificationIssued(message,
                new DeliveredMessage("m-1", text)), List.of()));

        schemas.requireValid(live.text());
        schemas.requireValid(live.message());
        assertThat(live.message()).contains("\"text\":\"" + text + "\"").contains("\"senderId\":\"ana\"")
                .contains("\"seq\":11").contains("\"conversationId\":\"c-1\"");
        assertThat(InboxFrames.live(record(12, new NotificationIssued(notification(12, "nice", null), null),
                List.of())).message()).isNull();
    }

    @Test
    void shouldDescribeALiveStateChange() {
        NotificationState read = new NotificationState("n-7", 7L, AT, AT, null);
        schemas.requireValid(InboxFrames.live(record(9, new StatesChanged(InboxActionKind.READ, UUID.randomUUID(),
                List.of(read)), List.of())).text());
    }

    @Test
    void shouldDescribeAnActionThatChangedOnlyDroppedNotifications() {
        String frame = InboxFrames.live(record(10, new StatesChanged(InboxActionKind.SEEN, UUID.randomUUID(),
                List.of()), List.of())).text();

        schemas.requireValid(frame);
        assertThat(frame).doesNotContain("states");
    }

    @Test
    void shouldDescribeALiveWithdrawal() {
        schemas.requireValid(InboxFrames.live(record(11, new NotificationWithdrawn("n-7", 7L, UUID.randomUUID()),
                List.of())).text());
    }

    @Test
    void shouldDescribeEveryFrameOfAResumeAnswer() {
        InboxViews.Changes changes = new InboxViews.Changes("bob", "9b0e", false, 4, 12, 2, 3, 1,
                List.of(InboxViews.Notification.of(notification(9, null, null), 9)),
                List.of(new InboxViews.State("n-5", 5, 10, AT, null, null)),
                List.of(new InboxViews.Withdrawn(11, "n-6")), new InboxViews.Gap(5, 8, 2));

        List<String> frames = InboxFrames.resumed(changes);

        assertThat(frames).hasSize(4);
        frames.forEach(schemas::requireValid);
    }

    @Test
    void shouldDescribeABadge() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Badge(0, 0, 0)));
    }

    @Test
    void shouldDescribeAResetToANewEpoch() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Reset("4c2d", 12, "epoch_changed")));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Reset("4c2d", 12, "too_far_behind")));
    }

    @Test
    void shouldDescribeAResetOfAUserWhoseInboxIsGone() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Reset(null, 0, "epoch_changed")));
    }

    @Test
    void shouldDescribeTheCountsOfAWatchedPostAndUser() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Count("post", "p1",
                new PostCountsView("p1", 42, 7, AT))));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Count("user", "bob",
                new UserCountsView("bob", 120, 80, 3100, AT))));
    }

    @Test
    void shouldDescribeTheCountsOfAPostNobodyEngagedWith() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Count("post", "quiet",
                PostCountsView.of("quiet", null))));
    }

    @Test
    void shouldRefuseUserCountsUnderAPostKind() {
        assertThat(schemas.violations(ServerFrames.text(new ServerFrames.Count("post", "bob",
                new UserCountsView("bob", 1, 1, 1, AT))))).isNotEmpty();
    }

    @Test
    void shouldDescribeTrendingBeforeAndAfterAnythingTrended() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Trending(new TrendingView(AT, 3_600_000L,
                List.of(new TrendingView.Entry(1, "p1", 56.0, 42, 7), new TrendingView.Entry(2, "p2", 3.5, 2, 1))))));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Trending(TrendingView.of(null))));
    }

    @Test
    void shouldDescribeAReconnectHint() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Reconnect(3250, "draining")));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Reconnect(0, "draining")));
    }

    @Test
    void shouldDescribeAPongWithARef() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Pong("7")));
    }

    @Test
    void shouldLeaveTheRefOutOfAPongToAPingWithout() {
        String pong = ServerFrames.text(new ServerFrames.Pong(null));

        schemas.requireValid(pong);
        assertThat(pong).doesNotContain("ref");
    }

    @Test
    void shouldDescribeTheAckOfAnActionAndOfAnAuth() {
        schemas.requireValid(ServerFrames.text(new ServerFrames.Ack("8", UUID.randomUUID().toString(), 4411L)));
        schemas.requireValid(ServerFrames.text(ServerFrames.Ack.of("auth-2")));
        schemas.requireValid(ServerFrames.text(ServerFrames.Ack.of(null)));
    }

    @Test
    void shouldDescribeTheAckOfAMessage() {
        UserWrites.Sent sent = new UserWrites.Sent(UUID.randomUUID(),
                UserWrites.conversationOf("ana", List.of("bob")), 5120);

        schemas.requireValid(ServerFrames.text(new ServerFrames.Ack("m1", sent, "6c0b2d0e-local-17")));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Ack(null, sent, "18")));
    }

    @Test
    void shouldRefuseAMessageAckWithoutItsConversation() {
        String ack = "{\"type\":\"ack\",\"eventId\":\"" + UUID.randomUUID() + "\",\"offset\":1,"
                + "\"clientMessageId\":\"18\"}";

        assertThat(schemas.violations(ack)).anySatisfy(v -> assertThat(v).contains("conversationId"));
    }

    @Test
    void shouldDescribeTypingStartedAndStopped() {
        String conversation = UserWrites.conversationOf("ana", List.of("bob"));

        schemas.requireValid(ServerFrames.text(new ServerFrames.Typing(conversation, "ana", true)));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Typing("support-42", "ana", false)));
    }

    @Test
    void shouldDescribePresenceOnlineAndOffline() {
        long stale = Signals.STALE_AFTER.toSeconds();

        schemas.requireValid(ServerFrames.text(new ServerFrames.Presence("ana", true, AT, stale)));
        schemas.requireValid(ServerFrames.text(new ServerFrames.Presence("ana", false, AT, stale)));
    }

    @Test
    void shouldDescribeEveryErrorCodeWithAndWithoutARef() {
        for (String code : List.of("invalid_json", "unknown_message_type", "invalid_message", "invalid_token",
                "write_failed", "subscription_limit", "feed_unavailable", "rate_limited", "token_expired")) {
            schemas.requireValid(ServerFrames.text(new ServerFrames.Error(code, "what went wrong", "9")));
            schemas.requireValid(ServerFrames.text(new ServerFrames.Error(code, "what went wrong", null)));
        }
    }

    @Test
    void shouldRefuseAnErrorCodeTheProtocolDoesNotName() {
        assertThat(schemas.violations(ServerFrames.text(new ServerFrames.Error("oops", "what went wrong", null))))
                .isNotEmpty();
    }

    @Test
    void shouldDescribeTheErrorOfEveryClientFrameTheEdgeRefuses() {
        for (String text : List.of("{not json", "[]", "{\"type\":\"teleport\",\"ref\":\"1\"}", "{\"type\":7}",
                "{\"type\":\"read\",\"ref\":2,\"ids\":[]}", "{\"type\":\"ping\",\"ref\":{}}",
                "{\"type\":\"resume\",\"epoch\":\"e\"}", "{\"type\":\"auth\"}")) {
            ClientFrames.Refusal refusal = catchThrowableOfType(ClientFrames.Refusal.class,
                    () -> ClientFrames.read(text));

            assertThat(refusal).as("the edge's answer to %s", text).isNotNull();
            schemas.requireValid(ServerFrames.text(new ServerFrames.Error(refusal.code, refusal.getMessage(),
                    refusal.ref)));
        }
    }

    private static InboxRecord record(long seq, Object change, List<String> dropped) {
        return InboxRecord.newBuilder().setRecipientId("bob").setEpoch("9b0e").setSeq(seq).setOccurredAt(AT)
                .setChange(change).setDroppedNotificationIds(dropped).setUnread(2).setUnseen(1).build();
    }

    private static InboxNotification notification(long seq, String preview, Instant seenAt) {
        return InboxNotification.newBuilder().setNotificationId("n-" + seq).setSeq(seq)
                .setType(NotificationType.COMMENT).setActorIds(List.of("ana", "cid")).setActorCount(2)
                .setTarget(new NotificationTarget(TargetKind.POST, "p1")).setGroupKey("comment:p1").setCreatedAt(AT)
                .setPreview(preview).setSourceEventId(UUID.randomUUID()).setSeenAt(seenAt).setReadAt(null)
                .setArchivedAt(null).build();
    }
}
