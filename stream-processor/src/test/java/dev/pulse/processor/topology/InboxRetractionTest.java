package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.deleteComment;
import static dev.pulse.processor.topology.Events.follow;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.listed;
import static dev.pulse.processor.topology.Events.unfollow;
import static dev.pulse.processor.topology.Events.unlike;
import static dev.pulse.processor.topology.InboxContributionsTest.issued;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationWithdrawn;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** An unlike, a deleted comment or an unfollow takes its actor out of the notification it counted in. */
class InboxRetractionTest {

    private TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldReissueWithoutTheActorWhenOthersRemain() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));
        harness.send(like("dan", "p1", "bob", 3));
        String id = harness.inbox("bob").getFirst().getNotificationId();

        harness.send(unlike("dan", "p1", "bob", 4));

        InboxRecord record = harness.inboxRecords().getLast();
        assertThat(record.getSeq()).isEqualTo(4);
        assertThat(issued(record)).satisfies(n -> {
            assertThat(n.getNotificationId()).isEqualTo(id);
            assertThat(n.getSeq()).isEqualTo(4);
            assertThat(n.getActorCount()).isEqualTo(2);
            assertThat(n.getActorIds()).containsExactly("cid", "ana");
            assertThat(n.getCreatedAt()).isEqualTo(Events.at(2));
        });
        assertThat(record.getUnread()).isEqualTo(1);
        assertThat(harness.inbox("bob")).extracting(InboxNotification::getSeq).containsExactly(4L);
    }

    @Test
    void shouldWithdrawTheNotificationWhenNoActorRemains() {
        harness.send(like("ana", "p1", "bob", 1));
        String id = harness.inbox("bob").getFirst().getNotificationId();

        harness.send(unlike("ana", "p1", "bob", 2));

        InboxRecord record = harness.inboxRecords().getLast();
        assertThat(record.getSeq()).isEqualTo(2);
        assertThat(record.getChange()).isInstanceOfSatisfying(NotificationWithdrawn.class, w -> {
            assertThat(w.getNotificationId()).isEqualTo(id);
            assertThat(w.getWithdrawnSeq()).isEqualTo(1);
        });
        assertThat(record.getUnread()).isZero();
        assertThat(record.getUnseen()).isZero();
        assertThat(harness.inbox("bob")).isEmpty();
    }

    @Test
    void shouldKeepAReadNotificationReadWhenAnActorIsWithdrawn() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));
        harness.send(listed("bob", InboxActionKind.READ, List.of(harness.inbox("bob").getFirst().getNotificationId()), 3));

        harness.send(unlike("ana", "p1", "bob", 4));

        InboxRecord record = harness.inboxRecords().getLast();
        assertThat(issued(record).getReadAt()).isEqualTo(Events.at(3));
        assertThat(issued(record).getActorIds()).containsExactly("cid");
        assertThat(record.getUnread()).isZero();
    }

    @Test
    void shouldShowThePreviousCommentWhenTheNewestIsDeleted() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(comment("cid", "p1", "bob", "c2", 2));

        harness.send(deleteComment("cid", "p1", "bob", "c2", 3));

        assertThat(issued(harness.inboxRecords().getLast())).satisfies(n -> {
            assertThat(n.getPreview()).isEqualTo("comment c1");
            assertThat(n.getActorIds()).containsExactly("ana");
            assertThat(n.getActorCount()).isEqualTo(1);
        });
    }

    @Test
    void shouldKeepAnActorWithAnotherCommentLeft() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(comment("ana", "p1", "bob", "c2", 2));

        harness.send(deleteComment("ana", "p1", "bob", "c1", 3));

        assertThat(issued(harness.inboxRecords().getLast())).satisfies(n -> {
            assertThat(n.getActorCount()).isEqualTo(1);
            assertThat(n.getPreview()).isEqualTo("comment c2");
        });
    }

    @Test
    void shouldWithdrawAFollowOnUnfollow() {
        harness.send(follow("ana", "bob", 1));

        harness.send(unfollow("ana", "bob", 2));

        assertThat(harness.inboxRecords().getLast().getChange()).isInstanceOf(NotificationWithdrawn.class);
        assertThat(harness.inbox("bob")).isEmpty();
    }

    @Test
    void shouldDoNothingWhenTheCapAlreadyDroppedTheNotification() {
        harness.close();
        harness = new TopologyHarness(TopologySettings.defaults().withInbox(new InboxSettings(1, 3)));
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("ana", "p2", "bob", 2));
        harness.inboxRecords();

        harness.send(unlike("ana", "p1", "bob", 3));

        assertThat(harness.inboxRecords()).isEmpty();
        assertThat(harness.inboxUser("bob").getUnread()).isEqualTo(2);
    }

    @Test
    void shouldWithdrawFromTheNotificationTheActorCountedIn() {
        harness.send(like("ana", "p1", "bob", 1));
        String first = harness.inbox("bob").getFirst().getNotificationId();
        harness.send(listed("bob", InboxActionKind.READ, List.of(first), 2));
        harness.send(like("cid", "p1", "bob", 3));

        harness.send(unlike("ana", "p1", "bob", 4));

        assertThat(harness.inboxRecords().getLast().getChange()).isInstanceOfSatisfying(NotificationWithdrawn.class,
                w -> assertThat(w.getNotificationId()).isEqualTo(first));
        assertThat(harness.inbox("bob")).singleElement().satisfies(n -> assertThat(n.getActorIds()).containsExactly("cid"));
    }
}
