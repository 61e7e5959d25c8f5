package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.follow;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.message;
import static dev.pulse.processor.topology.Events.settings;
import static dev.pulse.processor.topology.Events.upTo;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.schemas.DeliveredMessage;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.TargetKind;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Contributions reaching a recipient's inbox: who is notified, numbering, collapse and the size cap. */
class InboxContributionsTest {

    private TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private void withInboxSize(int size) {
        harness.close();
        harness = new TopologyHarness(TopologySettings.defaults().withInbox(new InboxSettings(size, 3)));
    }

    static InboxNotification issued(InboxRecord record) {
        assertThat(record.getChange()).isInstanceOf(NotificationIssued.class);
        return ((NotificationIssued) record.getChange()).getNotification();
    }

    @Test
    void shouldIssueANotificationToThePostAuthorOfALike() {
        LikeEvent like = like("ana", "p1", "bob", 1);

        harness.send(like);

        assertThat(harness.inboxRecords()).singleElement().satisfies(r -> {
            assertThat(r.getRecipientId()).isEqualTo("bob");
            assertThat(r.getSeq()).isEqualTo(1);
            assertThat(r.getEpoch()).isNotBlank();
            assertThat(r.getUnread()).isEqualTo(1);
            assertThat(r.getUnseen()).isEqualTo(1);
            InboxNotification n = issued(r);
            assertThat(n.getNotificationId()).isEqualTo(like.getEventId().toString());
            assertThat(n.getSeq()).isEqualTo(1);
            assertThat(n.getType()).isEqualTo(NotificationType.LIKE);
            assertThat(n.getActorIds()).containsExactly("ana");
            assertThat(n.getTarget().getKind()).isEqualTo(TargetKind.POST);
            assertThat(n.getTarget().getId()).isEqualTo("p1");
            assertThat(n.getCreatedAt()).isEqualTo(Events.at(1));
            assertThat(n.getReadAt()).isNull();
        });
    }

    @Test
    void shouldNotNotifyAnActorOfTheirOwnLike() {
        harness.send(like("bob", "p1", "bob", 1));

        assertThat(harness.inboxRecords()).isEmpty();
        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldNotNotifyFromABlockedActor() {
        harness.send(settings("bob", List.of(), List.of("troll"), 0));

        harness.send(like("troll", "p1", "bob", 1));

        assertThat(harness.inboxRecords()).isEmpty();
    }

    @Test
    void shouldNotNotifyAMutedType() {
        harness.send(settings("bob", List.of(NotificationType.FOLLOW), List.of(), 0));

        harness.send(follow("ana", "bob", 1));
        harness.send(like("ana", "p1", "bob", 2));

        assertThat(harness.inboxRecords()).extracting(r -> issued(r).getType()).containsExactly(NotificationType.LIKE);
    }

    @Test
    void shouldNotHideAnEventThatHappenedBeforeTheMute() {
        harness.send(settings("bob", List.of(NotificationType.LIKE), List.of(), 10));

        harness.send(like("ana", "p1", "bob", 5));

        assertThat(harness.inboxRecords()).hasSize(1);
    }

    @Test
    void shouldHideAnEventThatHappenedWhileMutedThoughItArrivesAfterTheUnmute() {
        harness.send(settings("bob", List.of(NotificationType.LIKE), List.of(), 5));
        harness.send(settings("bob", List.of(), List.of(), 20));

        harness.send(like("ana", "p1", "bob", 10));
        harness.send(like("cid", "p2", "bob", 21));

        assertThat(harness.inboxRecords()).extracting(r -> issued(r).getActorIds().getFirst()).containsExactly("cid");
    }

    @Test
    void shouldNumberEachRecipientsRecordsFromOneWithoutGaps() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("ana", "p2", "cid", 2));
        harness.send(follow("ana", "bob", 3));
        harness.send(like("cid", "p1", "bob", 4));

        List<InboxRecord> records = harness.inboxRecords();

        assertThat(records.stream().filter(r -> r.getRecipientId().equals("bob")).map(InboxRecord::getSeq))
                .containsExactly(1L, 2L, 3L);
        assertThat(records.stream().filter(r -> r.getRecipientId().equals("cid")).map(InboxRecord::getSeq))
                .containsExactly(1L);
    }

    @Test
    void shouldCollapseABurstIntoOneNotificationReissuedUnderANewSeq() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));

        List<InboxRecord> records = harness.inboxRecords();

        assertThat(issued(records.get(1))).satisfies(n -> {
            assertThat(n.getNotificationId()).isEqualTo(issued(records.get(0)).getNotificationId());
            assertThat(n.getSeq()).isEqualTo(2);
            assertThat(n.getActorIds()).containsExactly("cid", "ana");
            assertThat(n.getActorCount()).isEqualTo(2);
            assertThat(n.getCreatedAt()).isEqualTo(Events.at(2));
        });
        assertThat(records.get(1).getUnread()).isEqualTo(1);
        assertThat(harness.inbox("bob")).extracting(InboxNotification::getSeq).containsExactly(2L);
    }

    @Test
    void shouldMakeACollapsedNotificationUnseenAgain() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(upTo("bob", InboxActionKind.SEEN, harness.inbox("bob").getFirst(), 2));
        harness.send(like("cid", "p1", "bob", 3));

        List<InboxRecord> records = harness.inboxRecords();

        assertThat(records).extracting(InboxRecord::getUnseen).containsExactly(1L, 0L, 1L);
        assertThat(issued(records.get(2)).getSeenAt()).isNull();
    }

    @Test
    void shouldStartANewNotificationOnceTheGroupWasRead() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(upTo("bob", InboxActionKind.READ, harness.inbox("bob").getFirst(), 2));
        harness.send(like("cid", "p1", "bob", 3));

        assertThat(harness.inbox("bob")).hasSize(2).last().satisfies(n -> {
            assertThat(n.getActorIds()).containsExactly("cid");
            assertThat(n.getReadAt()).isNull();
        });
        assertThat(harness.inboxUser("bob").getUnread()).isEqualTo(1);
    }

    @Test
    void shouldReissueTheSameActorsNewCommentWithoutCountingTheActorTwice() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(comment("ana", "p1", "bob", "c2", 2));

        assertThat(issued(harness.inboxRecords().getLast())).satisfies(n -> {
            assertThat(n.getActorCount()).isEqualTo(1);
            assertThat(n.getActorIds()).containsExactly("ana");
            assertThat(n.getPreview()).isEqualTo("comment c2");
        });
    }

    @Test
    void shouldKeepTheNewestNotificationsAndCountTheDroppedOnesUnread() {
        withInboxSize(3);

        LongStream.rangeClosed(1, 5).forEach(i -> harness.send(like("ana", "p" + i, "bob", (int) i)));

        List<InboxRecord> records = harness.inboxRecords();
        assertThat(harness.inbox("bob")).extracting(n -> n.getTarget().getId()).containsExactly("p3", "p4", "p5");
        assertThat(records.get(3).getDroppedNotificationIds()).containsExactly(issued(records.get(0)).getNotificationId());
        assertThat(records.get(4).getDroppedNotificationIds()).containsExactly(issued(records.get(1)).getNotificationId());
        assertThat(records.getLast().getUnread()).isEqualTo(5);
        assertThat(harness.inboxUser("bob").getDroppedUnread()).isEqualTo(2);
    }

    @Test
    void shouldNotifyEveryRecipientOfAMessageButNotTheSender() {
        harness.send(message("ana", "conv-1", List.of("ana", "bob", "cid"), 1));

        assertThat(harness.inboxRecords()).extracting(InboxRecord::getRecipientId)
                .containsExactlyInAnyOrder("bob", "cid");
    }

    @Test
    void shouldDropARepeatedMessageEvent() {
        DirectMessage m = message("ana", "conv-1", List.of("bob"), 1);

        harness.send(m);
        harness.send(m);

        assertThat(harness.inboxRecords()).hasSize(1);
    }

    @Test
    void shouldCarryTheWholeMessageOnItsLiveRecordAndOnlyItsPreviewInTheInbox() {
        String text = "a long message ".repeat(20).strip();
        DirectMessage m = DirectMessage.newBuilder(message("ana", "conv-1", List.of("bob"), 1)).setText(text).build();

        harness.send(m);
        harness.send(like("cid", "p1", "bob", 2));

        List<InboxRecord> records = harness.inboxRecords();
        assertThat(issued(records.get(0)).getPreview()).hasSizeLessThanOrEqualTo(140);
        assertThat(((NotificationIssued) records.get(0).getChange()).getMessage())
                .isEqualTo(new DeliveredMessage(m.getMessageId(), text));
        assertThat(((NotificationIssued) records.get(1).getChange()).getMessage()).isNull();
    }
}
