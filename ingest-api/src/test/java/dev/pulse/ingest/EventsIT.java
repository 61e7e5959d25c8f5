package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Problem;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/events} over real HTTP against the embedded broker: what lands where, and every refusal. */
@WithKafka
class EventsIT {

    private final String secret = HmacTokens.newSecret();
    private RunningService service;
    private IngestClient client;
    private KafkaCluster kafka;
    private Topics topics;

    @BeforeEach
    void start(KafkaCluster kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
        service = IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(
                Map.of("server.host", "127.0.0.1", "server.port", "0", "kafka.bootstrap.servers", kafka.bootstrapServers(),
                        "kafka.topic.prefix", topics.prefix(), "security.jwt.secret", secret,
                        "security.jwt.issuer", IngestClient.ISSUER)))));
        client = new IngestClient(secret, service.port());
    }

    @AfterEach
    void stop() {
        service.close();
    }

    @Test
    void shouldWriteAMixedBatchWhereTheCatalogueSaysAndReadBackEqual() {
        List<SpecificRecord> events = EventFixtures.everyKind();

        HttpResponse<String> response = client.post(client.userToken(EventFixtures.ACTOR), client.batch(events));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = IngestClient.body(response).path("accepted");
        assertThat(accepted).hasSize(events.size());
        for (int i = 0; i < events.size(); i++) {
            assertLanded(events.get(i), accepted.get(i));
        }
    }

    private <V extends SpecificRecord> void assertLanded(V event, JsonNode accepted) {
        Topic<String, V> topic = topics.publishedTopicFor(event);
        String key = topic.keyOf(event);
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % topic.partitions();
        assertThat(accepted.path("eventId").asText()).isEqualTo(event.get(0).toString());
        assertThat(accepted.path("topic").asText()).isEqualTo(topic.name());
        assertThat(accepted.path("partition").asInt()).isEqualTo(partition);
        ConsumerRecord<String, V> stored = TopicRecords.readPartition(kafka.bootstrapServers(), topic, partition).stream()
                .filter(r -> r.offset() == accepted.path("offset").asLong()).findFirst().orElseThrow();
        assertThat(stored.key()).isEqualTo(key);
        assertThat(stored.value()).isEqualTo(event);
    }

    @Test
    void shouldWriteNothingAndListEveryErrorWhenOneEventIsInvalid() {
        JsonNode body = client.batch(List.of(EventFixtures.like(LikeAction.LIKE), EventFixtures.like(LikeAction.LIKE)));
        ((ObjectNode) body.path("events").get(1)).put("postId", "").put("action", "LOVE");

        HttpResponse<String> response = client.post(client.serviceToken(), body);

        JsonNode problem = assertProblem(response, 400, EventBatch.INVALID);
        assertThat(problem.path("errors")).extracting(e -> e.path("index").asInt() + " " + e.path("field").asText())
                .containsExactlyInAnyOrder("1 /events/1/action", "1 /events/1/postId");
        assertThat(problem.path("errors").get(0).path("message").asText()).isNotBlank();
        assertNothingWritten();
    }

    /** Every partition of every published topic still ends at offset 0. */
    private void assertNothingWritten() {
        Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
        topics.published().forEach(topic -> IntStream.range(0, topic.partitions())
                .forEach(p -> ends.put(new TopicPartition(topic.name(), p), OffsetSpec.latest())));
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            assertThat(admin.listOffsets(ends).all().get(30, TimeUnit.SECONDS).values())
                    .allMatch(end -> end.offset() == 0);
        } catch (ExecutionException | TimeoutException | InterruptedException e) {
            throw new AssertionError("cannot read the end offsets", e);
        }
    }

    @Test
    void shouldRefuseAUserTokenPostingForSomeoneElse() {
        LikeEvent byBob = LikeEvent.newBuilder(EventFixtures.like(LikeAction.LIKE)).setActorId("bob").build();

        HttpResponse<String> response = client.post(client.userToken(EventFixtures.ACTOR),
                client.batch(List.of(EventFixtures.like(LikeAction.LIKE), byBob)));

        assertThat(assertProblem(response, 403, "forbidden").path("indexes")).extracting(JsonNode::asInt)
                .containsExactly(1);
        assertNothingWritten();
    }

    @Test
    void shouldLetAServiceTokenPostForAnyUser() {
        LikeEvent byBob = LikeEvent.newBuilder(EventFixtures.like(LikeAction.LIKE)).setActorId("bob").build();

        HttpResponse<String> response = client.post(client.serviceToken(), client.batch(List.of(byBob)).path("events").get(0));

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    }

    @Test
    void shouldRefuseABatchOverTheEventLimit() {
        List<SpecificRecord> many = Collections.nCopies(1_001, EventFixtures.like(LikeAction.LIKE));

        assertProblem(client.post(client.serviceToken(), client.batch(many)), 400, "invalid-request");
    }

    @Test
    void shouldRefuseABodyOverOneMebibyte() {
        String body = "{\"events\":[\"" + "x".repeat(1 << 20) + "\"]}";

        assertProblem(client.post(client.serviceToken(), "application/json", body), 413, "payload-too-large");
    }

    @Test
    void shouldRefuseAnotherContentType() {
        assertProblem(client.post(client.serviceToken(), "text/plain", "{}"), 415, "unsupported-media-type");
    }

    @Test
    void shouldRefuseGetWithMethodNotAllowed() {
        HttpResponse<String> response = client.get("/v1/events", client.serviceToken());

        assertProblem(response, 405, "method-not-allowed");
        assertThat(response.headers().firstValue("Allow")).hasValue("POST, OPTIONS");
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = IngestClient.body(response);
        assertThat(problem.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
        return problem;
    }
}
