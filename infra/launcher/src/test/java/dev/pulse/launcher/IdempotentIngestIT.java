package dev.pulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ingest.IngestApiService;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 14's "a repeated Idempotency-Key is counted once downstream by the processor", end to end: the
 * same like with the same key posted to two ingest API instances, neither of which can tell it is a
 * repeat, lands twice on the topic with one derived eventId, and the processor counts it once.
 */
@WithKafka
class IdempotentIngestIT {

    private static final String ISSUER = "pulse-test";
    private static final String LIKE = "{\"type\":\"LikeEvent\",\"actorId\":\"ana\",\"action\":\"LIKE\","
            + "\"postId\":\"post-idem\",\"postAuthorId\":\"bob\"}";

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final String secret = HmacTokens.newSecret();
    private final HmacTokens tokens = new HmacTokens(Base64.getDecoder().decode(secret), ISSUER);

    @Test
    void shouldCountARepeatedIdempotencyKeyOncePostedToTwoIngestInstances(KafkaCluster kafka, TestNamespace namespace,
                                                                        Topics topics, @TempDir Path state) {
        Map<String, String> shared = Map.of("server.host", "127.0.0.1", "server.port", "0",
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "kafka.topic.prefix", namespace.prefix(),
                "security.jwt.secret", secret, "security.jwt.issuer", ISSUER);
        try (RunningService processor = start(StreamProcessorService.NAME, StreamProcessorService::start, shared,
                Map.of("streams.application.id", namespace.name("processor"), "streams.state.dir", state.toString(),
                        "streams.standby.replicas", "0"));
             RunningService first = start(IngestApiService.NAME, IngestApiService::start, shared, Map.of());
             RunningService second = start(IngestApiService.NAME, IngestApiService::start, shared, Map.of())) {
            JsonNode once = Json.mapper().readTree(post(first, "like-post-idem").body());
            JsonNode twice = Json.mapper().readTree(post(second, "like-post-idem").body());

            JsonNode landed = once.path("accepted").get(0);
            assertThat(twice.path("repeat").asBoolean()).as("the second node cannot tell").isFalse();
            assertThat(twice.path("accepted").get(0).path("eventId")).isEqualTo(landed.path("eventId"));
            assertThat(TopicRecords.readAll(kafka.bootstrapServers(), topics.likes())).hasSize(2);
            TopicPartition partition = new TopicPartition(landed.path("topic").asText(), landed.path("partition").asInt());
            long last = Math.max(landed.path("offset").asLong(), twice.path("accepted").get(0).path("offset").asLong());
            awaitProcessedPast(kafka, namespace.name("processor"), partition, last);
            awaitRepartitionsProcessed(kafka, namespace.name("processor"));
            assertThat(likes(processor)).isEqualTo(1);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static RunningService start(String name, Function<Config, RunningService> start, Map<String, String> shared,
                                        Map<String, String> own) {
        Map<String, String> config = new HashMap<>(shared);
        config.putAll(own);
        return start.apply(ServiceConfig.layered(name, Config.just(ConfigSources.create(config))));
    }

    private HttpResponse<String> post(RunningService ingest, String idempotencyKey) {
        HttpResponse<String> response = send(HttpRequest.newBuilder(uri(ingest, "/v1/events"))
                .header("Authorization", "Bearer " + tokens.issue("ana", List.of(), Duration.ofMinutes(5)))
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(LIKE)).build());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        return response;
    }

    /** Waits until the processor committed its input position past {@code offset} of {@code partition}. */
    private static void awaitProcessedPast(KafkaCluster kafka, String group, TopicPartition partition, long offset) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                OffsetAndMetadata at = committed.get(partition);
                return at != null && at.offset() > offset;
            });
        }
    }

    /**
     * Waits until the processor consumed its repartition topics up to their ends as of now: the count of a
     * post is a repartition hop away from the like, so the input's position alone does not say it is counted.
     */
    private static void awaitRepartitionsProcessed(KafkaCluster kafka, String group) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            List<String> repartition = admin.listTopics().names().get().stream()
                    .filter(name -> name.startsWith(group + "-") && name.endsWith("-repartition")).toList();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            admin.describeTopics(repartition).allTopicNames().get().forEach((name, description) -> description
                    .partitions().forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(request).all().get().forEach((tp, info) -> ends.put(tp, info.offset()));
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() -> {
                Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get();
                return ends.entrySet().stream().allMatch(end -> end.getValue() == 0 || committed.get(end.getKey()) != null
                        && committed.get(end.getKey()).offset() >= end.getValue());
            });
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (ExecutionException e) {
            throw new IllegalStateException("could not read the processor's positions", e);
        }
    }

    /** The processor's like count of the post, once it answers (it may answer 503 while it starts). */
    private long likes(RunningService processor) {
        String token = tokens.issue("analyst", List.of("analytics"), Duration.ofMinutes(5));
        HttpRequest request = HttpRequest.newBuilder(uri(processor, "/v1/posts/post-idem/counts"))
                .header("Authorization", "Bearer " + token).GET().build();
        HttpResponse<String> answer = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                .until(() -> send(request), response -> response.statusCode() == 200);
        try {
            return Json.mapper().readTree(answer.body()).path("likes").asLong();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static URI uri(RunningService service, String path) {
        return URI.create("http://127.0.0.1:" + service.port() + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
