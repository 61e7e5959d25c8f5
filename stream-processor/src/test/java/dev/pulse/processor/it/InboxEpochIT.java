package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An inbox's epoch names its numbering: an instance that restarts with no local state restores the
 * inbox from its changelog and goes on numbering in the same epoch, without a gap or a repeat.
 */
@WithKafka
class InboxEpochIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void shouldKeepTheEpochAndNumberingAfterARestoreFromTheChangelog(KafkaCluster kafka, TestNamespace namespace,
                                                                     Topics topics, @TempDir Path dir) {
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, namespace.name("processor"));
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            try (RunningService first = instances.startHere(dir.resolve("first"))) {
                publisher.publish(like("ana", "p1"));
                publisher.publish(like("cid", "p2"));
                awaitRecordsOf(kafka, topics, 2);
            }
            try (RunningService restored = instances.startHere(dir.resolve("empty"))) {
                publisher.publish(like("dan", "p3"));
                List<InboxRecord> records = awaitRecordsOf(kafka, topics, 3);

                assertThat(records).extracting(InboxRecord::getSeq).containsExactly(1L, 2L, 3L);
                assertThat(records).extracting(InboxRecord::getEpoch).containsOnly(records.getFirst().getEpoch());
            }
        }
    }

    private static List<InboxRecord> awaitRecordsOf(KafkaCluster kafka, Topics topics, int count) {
        return await().atMost(DEADLINE).until(() -> TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox())
                .stream().map(ConsumerRecord::value).filter(r -> r.getRecipientId().equals("bob")).toList(),
                records -> records.size() >= count);
    }

    private static LikeEvent like(String actor, String post) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId(actor)
                .setAction(LikeAction.LIKE).setPostId(post).setPostAuthorId("bob").build();
    }
}
