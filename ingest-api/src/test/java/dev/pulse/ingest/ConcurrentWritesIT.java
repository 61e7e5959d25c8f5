package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Concurrent posts over real HTTP share transactions ({@link GroupCommit}) on the embedded broker, and each
 * request is still answered with exactly where its own events landed.
 */
class ConcurrentWritesIT extends OneIngestPerTest {

    private static final int REQUESTS = 24;
    private static final int EVENTS = 5;

    private final ExecutorService clients = Executors.newFixedThreadPool(8);

    @AfterEach
    void stop() {
        clients.shutdownNow();
    }

    @Test
    void shouldAnswerEachOfManyConcurrentRequestsWithWhereItsOwnEventsLanded() {
        String token = client.serviceToken();
        List<JsonNode> bodies = IntStream.range(0, REQUESTS).mapToObj(i -> (JsonNode) client.batch(
                IntStream.range(0, EVENTS).mapToObj(e -> EventFixtures.like(LikeAction.LIKE)).toList())).toList();

        List<HttpResponse<String>> answers = bodies.stream()
                .map(body -> CompletableFuture.supplyAsync(() -> client.post(token, body), clients)).toList()
                .stream().map(CompletableFuture::join).toList();

        Map<String, String> landedAt = await().atMost(Duration.ofSeconds(20)).until(this::likesByPlace,
                places -> places.size() == REQUESTS * EVENTS);
        for (int i = 0; i < REQUESTS; i++) {
            assertThat(answers.get(i).statusCode()).as(answers.get(i).body()).isEqualTo(202);
            List<String> sent = new ArrayList<>();
            bodies.get(i).path("events").forEach(event -> sent.add(event.path("eventId").asText()));
            List<String> found = new ArrayList<>();
            IngestClient.body(answers.get(i)).path("accepted").forEach(at -> found.add(
                    landedAt.get(at.path("partition").asInt() + "@" + at.path("offset").asLong())));
            assertThat(found).containsExactlyElementsOf(sent);
        }
    }

    /** Every like on the topic by partition@offset, its eventId. */
    private Map<String, String> likesByPlace() {
        Map<String, String> places = new HashMap<>();
        for (ConsumerRecord<String, LikeEvent> like : TopicRecords.readAll(kafka.bootstrapServers(), topics.likes())) {
            places.put(like.partition() + "@" + like.offset(), like.value().getEventId().toString());
        }
        return places;
    }
}
