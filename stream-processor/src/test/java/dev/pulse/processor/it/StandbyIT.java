package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
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
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * When the instance owning a key dies, an instance with a standby replica answers from it at once,
 * says so, and gives its lag, instead of failing until the group rebalances.
 */
@WithKafka
class StandbyIT {

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldAnswerFromAStandbyReplicaWhenTheOwnerIsGone(KafkaCluster kafka, TestNamespace namespace, Topics topics,
                                                          @TempDir Path dir) throws Exception {
        EventScript script = new EventScript(3, 800, 20, 12);
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, namespace.name("standby"))
                .with("streams.standby.replicas", "1");
        String analyst = instances.token("analyst", "analytics");
        Process child = instances.startChild(dir.resolve("b"), dir.resolve("b.log"));
        try (RunningService survivor = instances.startHere(dir.resolve("a"));
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            script.publish(publisher, 0, script.events.size());
            ExactlyOnceIT.awaitCounts(kafka, topics, script);
            Map<String, long[]> expected = script.expectedPostCounts();
            String remotePost = await().atMost(Duration.ofSeconds(60)).until(
                    () -> postOwnedElsewhere(survivor, analyst, expected), Optional::isPresent).orElseThrow();

            child.destroyForcibly().waitFor();

            HttpResponse<String> answer = get(survivor, "/v1/posts/" + remotePost + "/counts", analyst);
            assertThat(answer.statusCode()).as(describe(answer)).isEqualTo(200);
            assertThat(answer.headers().firstValue("X-Pulse-Standby")).as(describe(answer)).hasValue("true");
            assertThat(answer.headers().firstValue("X-Pulse-Standby-Lag")).isPresent();
            assertThat(Json.mapper().readTree(answer.body()).path("likes").asLong())
                    .isEqualTo(expected.get(remotePost)[0]);
        } finally {
            child.destroyForcibly();
        }
    }

    /** A post whose counts the other instance serves, correctly, once both are stable. */
    private Optional<String> postOwnedElsewhere(RunningService here, String token, Map<String, long[]> expected) {
        return IntStream.range(0, 12).mapToObj(i -> "p" + i).filter(expected::containsKey).filter(post -> {
            HttpResponse<String> response = get(here, "/v1/posts/" + post + "/counts", token);
            if (response.statusCode() != 200) {
                return false;
            }
            JsonNode body = readTree(response.body());
            return !response.headers().firstValue("X-Pulse-Served-By").orElse("").endsWith(":" + here.port())
                    && body.path("likes").asLong() == expected.get(post)[0];
        }).findFirst();
    }

    private static String describe(HttpResponse<String> answer) {
        return answer.statusCode() + " " + answer.headers().map() + " " + answer.body();
    }

    private HttpResponse<String> get(RunningService via, String path, String token) {
        try {
            return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode readTree(String body) {
        try {
            return Json.mapper().readTree(body);
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
