package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.listed;
import static dev.pulse.processor.topology.Events.upTo;
import static dev.pulse.processor.topology.Events.upToSeq;
import static dev.pulse.processor.topology.Events.whole;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.StatesChanged;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** A user's inbox actions: seen, read, unread, archive, unarchive; each changes only what it names. */
class InboxActionsTest {

    private TopologyHarness harness = new TopologyHarness();

    @BeforeEach
    void threeNotifications() {
        IntStream.rangeClosed(1, 3).forEach(i -> harness.send(like("ana", "p" + i, "bob", i)));
        harness.inboxRecords();
    }

    @AfterEach
    void close() {
        harness.close();
    }

    private InboxNotification nth(int i) {
        return harness.inbox("bob").get(i);
    }

    private static StatesChanged states(InboxRecord record) {
        assertThat(record.getChange()).isInstanceOf(StatesChanged.class);
        return (StatesChanged) record.getChange();
    }

    private InboxRecord only(InboxAction action) {
        harness.send(action);
        List<InboxRecord> records = harness.inboxRecords();
        assertThat(records).hasSize(1);
        return records.getFirst();
    }

    @Test
    void shouldMarkSeenEverythingUpToAPositionAndNothingAfter() {
        InboxRecord record = only(upTo("bob", InboxActionKind.SEEN, nth(1), 10));

        assertThat(record.getSeq()).isEqualTo(4);
        assertThat(states(record).getStates()).extracting(NotificationState::getSeq).containsExactly(1L, 2L);
        assertThat(record.getUnseen()).isEqualTo(1);
        assertThat(record.getUnread()).isEqualTo(3);
        assertThat(nth(2).getSeenAt()).isNull();
        assertThat(nth(0).getSeenAt()).isEqualTo(Events.at(10));
    }

    @Test
    void shouldMarkReadNotificationsAsSeenToo() {
        InboxRecord record = only(listed("bob", InboxActionKind.READ, List.of(nth(2).getNotificationId()), 10));

        assertThat(states(record).getStates()).singleElement().satisfies(s -> {
            assertThat(s.getReadAt()).isEqualTo(Events.at(10));
            assertThat(s.getSeenAt()).isEqualTo(Events.at(10));
        });
        assertThat(record.getUnread()).isEqualTo(2);
        assertThat(record.getUnseen()).isEqualTo(2);
    }

    @Test
    void shouldChangeNothingForARepeatedAction() {
        harness.send(whole("bob", InboxActionKind.READ, 10));
        harness.inboxRecords();

        harness.send(whole("bob", InboxActionKind.READ, 11));

        assertThat(harness.inboxRecords()).isEmpty();
        assertThat(harness.inboxUser("bob").getLastSeq()).isEqualTo(4);
    }

    @Test
    void shouldChangeNothingForANotificationThatDoesNotExist() {
        harness.send(listed("bob", InboxActionKind.READ, List.of("no-such-id"), 10));
        harness.send(listed("nobody", InboxActionKind.READ, List.of(nth(0).getNotificationId()), 11));

        assertThat(harness.inboxRecords()).isEmpty();
    }

    @Test
    void shouldMakeOneNotificationUnreadAgainAndLetItCollapseAgain() {
        String first = nth(0).getNotificationId();
        harness.send(whole("bob", InboxActionKind.READ, 10));
        harness.inboxRecords();

        InboxRecord unread = only(listed("bob", InboxActionKind.UNREAD, List.of(first), 11));
        harness.send(like("cid", "p1", "bob", 12));

        assertThat(unread.getUnread()).isEqualTo(1);
        assertThat(states(unread).getStates()).singleElement().satisfies(s -> assertThat(s.getReadAt()).isNull());
        assertThat(harness.inbox("bob").getLast()).satisfies(n -> {
            assertThat(n.getNotificationId()).isEqualTo(first);
            assertThat(n.getActorCount()).isEqualTo(2);
        });
    }

    @Test
    void shouldArchiveOnlyTheReadNotificationsOfTheWholeInbox() {
        harness.send(listed("bob", InboxActionKind.READ, List.of(nth(0).getNotificationId()), 10));
        harness.inboxRecords();

        InboxRecord archived = only(whole("bob", InboxActionKind.ARCHIVE, 11));

        assertThat(states(archived).getStates()).singleElement()
                .satisfies(s -> assertThat(s.getArchivedAt()).isEqualTo(Events.at(11)));
        assertThat(archived.getUnread()).isEqualTo(2);
    }

    @Test
    void shouldTakeAnArchivedUnreadNotificationOutOfTheCountsUntilUnarchived() {
        String id = nth(2).getNotificationId();

        InboxRecord archived = only(listed("bob", InboxActionKind.ARCHIVE, List.of(id), 10));
        InboxRecord unarchived = only(listed("bob", InboxActionKind.UNARCHIVE, List.of(id), 11));

        assertThat(archived.getUnread()).isEqualTo(2);
        assertThat(archived.getUnseen()).isEqualTo(2);
        assertThat(unarchived.getUnread()).isEqualTo(3);
        assertThat(unarchived.getUnseen()).isEqualTo(3);
    }

    @Test
    void shouldRefuseUnreadForMoreThanListedNotifications() {
        harness.send(whole("bob", InboxActionKind.READ, 10));
        harness.inboxRecords();

        harness.send(whole("bob", InboxActionKind.UNREAD, 11));

        assertThat(harness.inboxRecords()).isEmpty();
    }

    @Test
    void shouldStillReadUpToASeqAsReadEventNamedIt() {
        InboxRecord record = only(upToSeq("bob", InboxActionKind.READ, 2, 10));

        assertThat(states(record).getStates()).extracting(NotificationState::getSeq).containsExactly(1L, 2L);
    }

    @Test
    void shouldReadTheDroppedNotificationsWithTheWholeInbox() {
        harness.close();
        harness = new TopologyHarness(TopologySettings.defaults().withInbox(new InboxSettings(2, 3)));
        IntStream.rangeClosed(1, 4).forEach(i -> harness.send(like("ana", "p" + i, "bob", i)));

        InboxRecord after = harness.inboxRecords().getLast();
        harness.send(whole("bob", InboxActionKind.READ, 10));

        assertThat(after.getUnread()).isEqualTo(4);
        assertThat(harness.inboxRecords().getLast().getUnread()).isZero();
        assertThat(harness.inboxUser("bob").getDroppedUnread()).isZero();
    }

    @Test
    void shouldReadTheDroppedNotificationsOnlyUpToAPositionAfterTheNewestOfThem() {
        harness.close();
        harness = new TopologyHarness(TopologySettings.defaults().withInbox(new InboxSettings(2, 3)));
        IntStream.rangeClosed(1, 4).forEach(i -> harness.send(like("ana", "p" + i, "bob", i)));
        InboxNotification oldestKept = nth(0);
        harness.inboxRecords();

        harness.send(upTo("bob", InboxActionKind.READ, oldestKept, 10));

        assertThat(harness.inboxRecords().getLast().getUnread()).isEqualTo(1);
    }
}
