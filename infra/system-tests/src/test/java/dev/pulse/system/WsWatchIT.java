package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Watching counts and trending: a first value, coalesced live values, one query for many watchers. */
class WsWatchIT extends OneProcessorPerClass {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void shouldSendAFirstValueThenCoalescedLiveCountsAndTrending() {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             WsClient client = WsClient.connect(edge.port(), "", pipeline.token("ana"))) {
            publisher.publish(like("fan0", "p1")).join();
            publisher.publish(like("fan1", "p1")).join();
            await().atMost(DEADLINE).until(() -> !client.frames("hello").isEmpty());
            await().atMost(DEADLINE).untilAsserted(() -> {
                client.send("{\"type\":\"subscribe\",\"posts\":[\"p1\"],\"users\":[\"bob\"],\"trending\":true}");
                assertThat(likesOf(client)).contains(2L);
            });
            int before = client.frames("count").size();

            IntStream.range(2, 62).forEach(i -> publisher.publish(like("fan" + i, "p1")));
            publisher.flush();

            await().atMost(DEADLINE).until(() -> likesOf(client).getLast() == 62);
            assertThat(client.frames("count").size() - before).isLessThan(30);
            assertThat(client.frames("count")).anySatisfy(c -> assertThat(c.path("kind").asText()).isEqualTo("user"));
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.frames("trending"))
                    .anySatisfy(t -> assertThat(t.path("entries").findValuesAsText("postId")).contains("p1")));
        }
    }

    @Test
    void shouldAskTheQueryApiOnceForAPostManyConnectionsWatch()
            throws Exception {
        List<WsClient> clients = new ArrayList<>();
        try (RunningService edge = pipeline.edge(processor, Map.of())) {
            IntStream.range(0, 20).forEach(i -> clients.add(WsClient.connect(edge.port(), "", pipeline.token("u" + i))));
            await().atMost(DEADLINE).until(() -> clients.stream().noneMatch(c -> c.frames("hello").isEmpty()));
            long callsBefore = stats(edge, pipeline).get("queryCalls").asLong();

            clients.forEach(c -> c.send("{\"type\":\"subscribe\",\"posts\":[\"hot\"]}"));

            await().atMost(DEADLINE).until(() -> clients.stream().allMatch(c -> !c.frames("count").isEmpty()));
            assertThat(stats(edge, pipeline).get("queryCalls").asLong() - callsBefore).isEqualTo(1);
        } finally {
            clients.forEach(WsClient::close);
        }
    }

    private static List<Long> likesOf(WsClient client) {
        return client.frames("count").stream().filter(c -> c.path("id").asText().equals("p1"))
                .map(c -> c.path("values").path("likes").asLong()).toList();
    }

    static JsonNode stats(RunningService edge, Pipeline pipeline) throws Exception {
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.port() + "/stats"))
                .header("Authorization", "Bearer " + pipeline.tokenWithScopes("ops", "metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static LikeEvent like(String actor, String post) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId(actor)
                .setAction(LikeAction.LIKE).setPostId(post).setPostAuthorId("bob").build();
    }
}
