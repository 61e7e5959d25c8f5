package dev.pulse.rebuild;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** How the reset tool's words reach the operator. */
class KafkaResetToolTest {

    private static final String ACTIVE = "ERROR: java.lang.IllegalStateException: Consumer group 'pulse-processor' is"
            + " still active and has following members: [(memberId=a-1, groupInstanceId=null, rackId=null, clientId=a,"
            + " host=/10.0.0.1, assignment=(topicPartitions=events.likes-4,user-settings-4), targetAssignment="
            + "Optional.empty, memberEpoch=null, upgraded=null), (memberId=b-1, groupInstanceId=null, rackId=null,"
            + " clientId=b, host=/10.0.0.2, assignment=(topicPartitions=events.likes-1), targetAssignment="
            + "Optional.empty, memberEpoch=null, upgraded=null)]. Make sure to stop all running application instances"
            + " before running the reset tool. You can use option '--force' to remove active members from the group.";

    @Test
    void shouldRecogniseARefusalBecauseTheGroupHasMembers() {
        KafkaResetTool.Outcome outcome = new KafkaResetTool.Outcome(1, List.of(), List.of(ACTIVE, "\tat somewhere"));

        assertThat(outcome.refusedWhileActive()).isTrue();
        assertThat(outcome.succeeded()).isFalse();
    }

    @Test
    void shouldShortenTheMemberListToItsCountAndHosts() {
        KafkaResetTool.Outcome outcome = new KafkaResetTool.Outcome(1, List.of(), List.of(ACTIVE));

        assertThat(outcome.conciseError()).hasValue("Consumer group 'pulse-processor' is still active and has"
                + " following members: 2 (on /10.0.0.1, /10.0.0.2). Make sure to stop all running application"
                + " instances before running the reset tool.");
    }

    @Test
    void shouldKeepAnyOtherErrorWhole() {
        KafkaResetTool.Outcome outcome = new KafkaResetTool.Outcome(1, List.of(),
                List.of("ERROR: org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node"));

        assertThat(outcome.refusedWhileActive()).isFalse();
        assertThat(outcome.error()).hasValue("org.apache.kafka.common.errors.TimeoutException: Timed out waiting for a node");
    }
}
