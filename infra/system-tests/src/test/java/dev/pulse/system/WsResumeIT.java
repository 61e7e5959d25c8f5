package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A client that loses its edge node mid-stream reconnects to another with its epoch and last seq, and ends
 * with every seq of its inbox stream received once, in order, superseded or counted in a gap, while
 * events keep arriving throughout the switch.
 */
@WithKafka
class WsResumeIT {

    private static final Duration DEADLINE = Duration.ofSeconds(90);

    @Test
    void shouldResumeOnAnotherNodeWithoutLossWhileEventsKeepComing(KafkaCluster kafka, TestNamespace namespace,
                                                                   Topics topics, @TempDir Path dir)
            throws Exception {
        Pipeline pipeline = new Pipeline(kafka, topics);
        try (RunningService processor = pipeline.processor(dir, namespace.name("processor"));
             RunningService nodeB = pipeline.edge(processor, Map.of());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            RunningService nodeA = pipeline.edge(processor, Map.of());
            List<JsonNode> received = new ArrayList<>();
            LikeStream likes = new LikeStream(publisher, 1, Duration.ofMillis(25), "bob");
            long startedAfter;
            String resumeFrom;
            try (WsClient first = WsClient.connect(nodeA.port(), "", pipeline.token("bob"))) {
                awaitInboxFrames(first, 8);
                startedAfter = first.frames("hello").getFirst().get("lastSeq").asLong();
                nodeA.close();
                await().atMost(DEADLINE).until(() -> first.closed().isDone());
                received.addAll(first.frames());
                resumeFrom = first.resumeQuery();
            }
            try (WsClient second = WsClient.connect(nodeB.port(), resumeFrom, pipeline.token("bob"))) {
                awaitInboxFrames(second, 8);
                likes.close();
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(lastSeqOf(second))
                        .isEqualTo(bobsRecords(kafka, topics).getLast().getSeq()));
                received.addAll(second.frames());

                assertThat(second.frames("hello").getFirst().get("resumed").isObject()).isTrue();
                assertThat(ResumeRule.violations(bobsRecords(kafka, topics), received, startedAfter))
                        .as("resumed with %s; second connection's frames %s; topic %s", resumeFrom,
                                second.frames().subList(0, Math.min(12, second.frames().size())),
                                bobsRecords(kafka, topics).stream().map(r -> r.getSeq() + ":" + r.getChange())
                                        .toList())
                        .isEmpty();
            }
        }
    }

    private static void awaitInboxFrames(WsClient client, int count) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.frames())
                .as("frames %s, closed %s", client.frames(), client.closed().getNow(null))
                .filteredOn(f -> f.has("epoch") && f.has("seq")).hasSizeGreaterThanOrEqualTo(count));
    }

    private static long lastSeqOf(WsClient client) {
        return client.frames().stream().filter(f -> f.has("seq") && f.has("epoch"))
                .mapToLong(f -> f.get("seq").asLong()).max().orElse(-1);
    }

    private static List<InboxRecord> bobsRecords(KafkaCluster kafka, Topics topics) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream().map(ConsumerRecord::value)
                .filter(r -> r.getRecipientId().equals("bob")).toList();
    }

}
