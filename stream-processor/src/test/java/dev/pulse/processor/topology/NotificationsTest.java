package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.follow;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.message;
import static dev.pulse.processor.topology.Events.readAll;
import static dev.pulse.processor.topology.Events.readSeqs;
import static dev.pulse.processor.topology.Events.readUpTo;
import static dev.pulse.processor.topology.Events.settings;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.Notification;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.TargetKind;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class NotificationsTest {

    private TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    private void withBacklogSize(int size) {
        harness.close();
        harness = new TopologyHarness(TopologySettings.defaults().withBacklogSize(size));
    }

    @Test
    void shouldNotifyThePostAuthorOfALike() {
        harness.send(like("ana", "p1", "bob", 1));

        assertThat(harness.notifications()).singleElement().satisfies(n -> {
            assertThat(n.getRecipientId()).isEqualTo("bob");
            assertThat(n.getSeq()).isEqualTo(1);
            assertThat(n.getType()).isEqualTo(NotificationType.LIKE);
            assertThat(n.getActorIds()).containsExactly("ana");
            assertThat(n.getTarget().getKind()).isEqualTo(TargetKind.POST);
            assertThat(n.getTarget().getId()).isEqualTo("p1");
            assertThat(n.getCreatedAt()).isEqualTo(Events.at(1));
        });
    }

    @Test
    void shouldNotNotifyAnActorOfTheirOwnLike() {
        harness.send(like("bob", "p1", "bob", 1));

        assertThat(harness.notifications()).isEmpty();
        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldNotNotifyFromABlockedActor() {
        harness.send(settings("bob", List.of(), List.of("troll"), 0));

        harness.send(like("troll", "p1", "bob", 1));

        assertThat(harness.notifications()).isEmpty();
    }

    @Test
    void shouldNotNotifyAMutedType() {
        harness.send(settings("bob", List.of(NotificationType.FOLLOW), List.of(), 0));

        harness.send(follow("ana", "bob", 1));
        harness.send(like("ana", "p1", "bob", 2));

        assertThat(harness.notifications()).extracting(Notification::getType).containsExactly(NotificationType.LIKE);
    }

    @Test
    void shouldNumberEachRecipientFromOneWithoutGaps() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(follow("ana", "bob", 2));
        harness.send(follow("ana", "dee", 3));
        harness.send(comment("cid", "p2", "bob", "c1", 4));

        List<Notification> sent = harness.notifications();

        assertThat(sent).filteredOn(n -> n.getRecipientId().equals("bob")).extracting(Notification::getSeq)
                .containsExactly(1L, 2L, 3L);
        assertThat(sent).filteredOn(n -> n.getRecipientId().equals("dee")).extracting(Notification::getSeq)
                .containsExactly(1L);
    }

    @Test
    void shouldCollapseABurstOfLikesIntoOneNotificationWithANewSeq() {
        for (int i = 0; i < 42; i++) {
            harness.send(like("fan" + i, "p1", "bob", i + 1));
        }

        Notification last = harness.notifications().getLast();

        assertThat(last.getSeq()).isEqualTo(42);
        assertThat(last.getActorCount()).isEqualTo(42);
        assertThat(last.getActorIds()).containsExactly("fan41", "fan40", "fan39");
        assertThat(last.getGroupKey()).isEqualTo("like:p1");
        assertThat(harness.backlog("bob")).containsExactly(last);
        assertThat(harness.recipient("bob").getUnread()).isEqualTo(1);
    }

    @Test
    void shouldStartANewNotificationOnceTheGroupWasRead() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(readUpTo("bob", 1, 2));

        harness.send(like("cid", "p1", "bob", 3));

        assertThat(harness.notifications().getLast()).satisfies(n -> {
            assertThat(n.getSeq()).isEqualTo(2);
            assertThat(n.getActorCount()).isEqualTo(1);
            assertThat(n.getActorIds()).containsExactly("cid");
        });
    }

    @Test
    void shouldDropTheOldestBeyondTheBacklogCapAndCountThem() {
        withBacklogSize(3);

        for (int i = 1; i <= 5; i++) {
            harness.send(like("ana", "p" + i, "bob", i));
        }

        assertThat(harness.backlog("bob")).extracting(Notification::getSeq).containsExactly(3L, 4L, 5L);
        assertThat(harness.recipient("bob").getUnread()).isEqualTo(5);
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 0)).isEqualTo(2);
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 1)).isEqualTo(1);
    }

    @Test
    void shouldCountDroppedSeqsExactlyBetweenSupersededOnes() {
        withBacklogSize(3);

        for (int i = 0; i < 5; i++) {
            harness.send(follow("fan" + i, "bob", 2 * i + 1));
            harness.send(like("fan" + i, "post" + i, "bob", 2 * i + 2));
        }

        // Follows collapse (odd seqs supersede each other); likes on seqs 2, 4, 6 were pushed out.
        assertThat(harness.backlog("bob")).extracting(Notification::getSeq).containsExactly(8L, 9L, 10L);
        assertThat(harness.recipient("bob").getUnread()).isEqualTo(6);
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 0)).isEqualTo(3);
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 5)).isEqualTo(1);
    }

    @Test
    void shouldForgetDroppedSeqsThatWereReadUpTo() {
        withBacklogSize(2);
        for (int i = 1; i <= 5; i++) {
            harness.send(like("ana", "p" + i, "bob", i));
        }

        harness.send(readUpTo("bob", 2, 10));

        assertThat(harness.recipient("bob").getUnread()).isEqualTo(3);
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 0)).isEqualTo(1);
    }

    @Test
    void shouldRemoveNotificationsReadUpToASeq() {
        for (int i = 1; i <= 4; i++) {
            harness.send(like("ana", "p" + i, "bob", i));
        }

        harness.send(readUpTo("bob", 3, 10));

        assertThat(harness.backlog("bob")).extracting(Notification::getSeq).containsExactly(4L);
        assertThat(harness.recipient("bob").getUnread()).isEqualTo(1);
    }

    @Test
    void shouldRemoveExactlyTheReadSeqs() {
        for (int i = 1; i <= 4; i++) {
            harness.send(like("ana", "p" + i, "bob", i));
        }

        harness.send(readSeqs("bob", List.of(2L, 4L, 99L), 10));

        assertThat(harness.backlog("bob")).extracting(Notification::getSeq).containsExactly(1L, 3L);
        assertThat(harness.recipient("bob").getUnread()).isEqualTo(2);
    }

    @Test
    void shouldClearBacklogAndDroppedOnReadAll() {
        withBacklogSize(2);
        for (int i = 1; i <= 5; i++) {
            harness.send(like("ana", "p" + i, "bob", i));
        }

        harness.send(readAll("bob", 10));

        assertThat(harness.backlog("bob")).isEmpty();
        assertThat(harness.recipient("bob").getUnread()).isZero();
        assertThat(RecipientBook.droppedAfter(harness.recipient("bob"), 0)).isZero();
    }

    @Test
    void shouldKeepNumberingAfterReadAll() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(readAll("bob", 2));

        harness.send(like("ana", "p2", "bob", 3));

        assertThat(harness.notifications()).extracting(Notification::getSeq).containsExactly(1L, 2L);
    }

    @Test
    void shouldNotifyEveryRecipientOfAMessageButNotTheSender() {
        harness.send(message("ana", "conv-1", List.of("ana", "bob", "cid"), 1));

        assertThat(harness.notifications()).extracting(Notification::getRecipientId)
                .containsExactlyInAnyOrder("bob", "cid");
    }

    @Test
    void shouldDropARepeatedMessageEvent() {
        DirectMessage message = message("ana", "conv-1", List.of("bob"), 1);

        harness.send(message);
        harness.send(message);

        assertThat(harness.notifications()).hasSize(1);
    }

    @Test
    void shouldNotRenotifyTheSameActorInAnOpenGroup() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(Events.unlike("ana", "p1", "bob", 2));
        harness.send(like("ana", "p1", "bob", 3));

        assertThat(harness.notifications()).hasSize(1);
    }

    @Test
    void shouldCountEveryIssuedSeqInTheRecipientState() {
        LongStream.rangeClosed(1, 3).forEach(i -> harness.send(like("ana", "p" + i, "bob", (int) i)));

        assertThat(harness.recipient("bob").getLastSeq()).isEqualTo(3);
    }
}
