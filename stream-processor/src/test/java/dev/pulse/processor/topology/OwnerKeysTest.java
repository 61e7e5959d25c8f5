package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.whole;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Events keyed otherwise than by the user whose state they change are refused, never counted in the wrong task. */
class OwnerKeysTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldRefuseALikeKeyedByItsPost() {
        assertThatThrownBy(() -> harness.sendKeyed("p1", like("ana", "p1", "bob", 1)))
                .hasRootCauseInstanceOf(OwnerKeys.MisroutedEventException.class)
                .rootCause().hasMessageContaining("keyed 'p1'").hasMessageContaining("postAuthorId ('bob')");
    }

    @Test
    void shouldNotCountARefusedLike() {
        assertThatThrownBy(() -> harness.sendKeyed("p1", like("ana", "p1", "bob", 1)));

        assertThat(harness.postCounts("p1")).isNull();
        assertThat(harness.inboxRecords()).isEmpty();
    }

    @Test
    void shouldRefuseACommentKeyedByItsPost() {
        assertThatThrownBy(() -> harness.sendKeyed("p2", comment("cy", "p2", "bob", "c1", 2)))
                .hasRootCauseInstanceOf(OwnerKeys.MisroutedEventException.class);
    }

    @Test
    void shouldRefuseAReadKeyedByAnotherUser() {
        harness.send(like("ana", "p1", "bob", 1));

        assertThatThrownBy(() -> harness.sendKeyed("someone-else", whole("bob", InboxActionKind.READ, 2)))
                .hasRootCauseInstanceOf(OwnerKeys.MisroutedEventException.class);
        assertThat(harness.inboxUser("bob").getUnread()).isEqualTo(1);
    }

    @Test
    void shouldRefuseUserTopicsWithDifferentPartitionCounts() {
        Topics standard = Topics.standard();
        Topic<String, FollowEvent> follows = standard.follows();
        Topics uneven = new Topics(standard.prefix(), standard.likes(), standard.comments(),
                new Topic<>(follows.name(), follows.keySerde(), follows.valueSerde(), follows.keyRule(), 12,
                        follows.cleanupPolicy(), follows.retention()),
                standard.messages(), standard.reads(), standard.userSettings(), standard.postCounts(),
                standard.userCounts(), standard.trending(), standard.inbox(), standard.signals(),
                standard.deadLetters());

        assertThatThrownBy(() -> PulseTopology.build(uneven, TopologySettings.defaults(), new OpenWrites(Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining(follows.name()).hasMessageContaining("12");
    }
}
