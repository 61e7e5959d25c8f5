package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The inbox queries answer only what the inbox topic says too: a seq they give out is committed, so it
 * cannot name a change that a rolled-back transaction made and the retried one makes differently. With
 * a 10 s commit interval, an answer read from the open transaction's writes would come seconds before the
 * record is readable with read_committed; here the record must be readable within a second of the answer.
 */
@WithKafka
class CommittedInboxAnswersIT {

    private static final Duration COMMIT_INTERVAL = Duration.ofSeconds(10);
    private static final Duration MARKER_LATENCY = Duration.ofSeconds(1);

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerAUsersInboxOnlyOnceItsWritesAreCommitted(KafkaCluster kafka, TestNamespace namespace,
                                                             Topics topics, @TempDir Path dir) throws Exception {
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, namespace.name("committed"))
                .with("streams.commit.interval.ms", Long.toString(COMMIT_INTERVAL.toMillis()))
                .with("streams.transaction.timeout.ms", Long.toString(COMMIT_INTERVAL.multipliedBy(3).toMillis()));
        try (RunningService processor = instances.startHere(dir);
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            String token = instances.token("bob");
            await().atMost(Duration.ofSeconds(60)).until(() -> lastSeq(processor, token) == 0);

            publisher.publish(LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setActorId("ana").setAction(LikeAction.LIKE).setPostId("p1").setPostAuthorId("bob").build())
                    .join();
            await().atMost(COMMIT_INTERVAL.multipliedBy(3)).pollInterval(Duration.ofMillis(10))
                    .until(() -> lastSeq(processor, token) == 1);

            await("bob's seq 1 readable with read_committed soon after the answer gave it out")
                    .atMost(MARKER_LATENCY).pollInterval(Duration.ofMillis(20))
                    .until(() -> TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream()
                            .filter(record -> record.key().equals("bob")).map(ConsumerRecord::value)
                            .mapToLong(InboxRecord::getSeq).anyMatch(seq -> seq == 1));
        }
    }

    /** The inbox's last seq as the query API answers it, or -1 while it answers something else. */
    private long lastSeq(RunningService processor, String token) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(
                        "http://127.0.0.1:" + processor.port() + "/v1/users/bob/inbox/counts"))
                .header("Authorization", "Bearer " + token).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            return -1;
        }
        JsonNode counts = Json.mapper().readTree(response.body());
        return counts.path("lastSeq").asLong(-1);
    }
}
