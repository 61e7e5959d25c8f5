package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.readAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.Notification;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events keyed otherwise than by the user whose state they change are moved there, not lost or doubled. */
class OwnerKeysTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldCountAndNotifyALikeKeyedByItsPost() {
        harness.sendKeyed("p1", like("ana", "p1", "bob", 1));

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
        assertThat(harness.userCounts("bob").getLikesReceived()).isEqualTo(1);
        assertThat(harness.notifications()).extracting(Notification::getRecipientId, Notification::getSeq)
                .containsExactly(tuple("bob", 1L));
    }

    @Test
    void shouldCountALikeOnceWhenItArrivesUnderTwoKeys() {
        LikeEvent like = like("ana", "p1", "bob", 1);

        harness.send(like);
        harness.sendKeyed("p1", like);

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
        assertThat(harness.notifications()).hasSize(1);
    }

    @Test
    void shouldNumberNotificationsOfBothKeysInOneSequence() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.sendKeyed("p2", comment("cy", "p2", "bob", "c1", 2));

        assertThat(harness.notifications()).extracting(Notification::getSeq).containsExactly(1L, 2L);
    }

    @Test
    void shouldApplyAReadKeyedByAnotherUser() {
        harness.send(like("ana", "p1", "bob", 1));

        harness.sendKeyed("someone-else", readAll("bob", 2));

        assertThat(harness.recipient("bob").getUnread()).isZero();
        assertThat(harness.backlog("bob")).isEmpty();
    }

    @Test
    void shouldRefuseUserTopicsWithDifferentPartitionCounts() {
        Topics standard = Topics.standard();
        Topic<String, ?> follows = standard.follows();
        Topics uneven = new Topics(standard.prefix(), standard.likes(), standard.comments(),
                new Topic<>(follows.name(), standard.follows().keySerde(), standard.follows().valueSerde(), 12,
                        follows.cleanupPolicy(), follows.retention()),
                standard.messages(), standard.reads(), standard.userSettings(), standard.postCounts(),
                standard.userCounts(), standard.trending(), standard.notifications(), standard.signals(),
                standard.deadLetters());

        assertThatThrownBy(() -> PulseTopology.build(uneven, TopologySettings.defaults()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(follows.name()).hasMessageContaining("12");
    }
}
