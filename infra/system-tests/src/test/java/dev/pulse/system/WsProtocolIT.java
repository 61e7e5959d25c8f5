package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.service.RunningService;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The edge's protocol against a real processor: refusals, errors that keep the connection, tabs in sync. */
class WsProtocolIT extends OneProcessorPerClass {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    @Test
    void shouldCloseEachRefusedTokenWithItsOwnCode() {
        try (RunningService edge = pipeline.edge(processor, Map.of("security.jwt.leeway", "0"))) {
            Instant expiry = Instant.now().plusSeconds(2);
            String expired = pipeline.token("bob", Duration.ofSeconds(2));
            await().atMost(DEADLINE).until(() -> Instant.now().isAfter(expiry.plusMillis(1_100)));

            assertThat(closeCode(edge, expired)).isEqualTo(4003);
            assertThat(closeCode(edge, null)).isEqualTo(4001);
            assertThat(closeCode(edge, "not.a.token")).isEqualTo(4002);
            assertThat(closeCode(edge, new Pipeline(kafka, topics).token("bob"))).isEqualTo(4002);
        }
    }

    @Test
    void shouldAnswerBadFramesWithErrorsAndKeepTheConnection() {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             WsClient client = WsClient.connect(edge.port(), "", pipeline.token("frames-user"))) {
            await().atMost(DEADLINE).until(() -> !client.frames("hello").isEmpty());
            client.send("{not json");
            client.send("{\"type\":\"teleport\",\"ref\":\"1\"}");
            client.send("{\"type\":\"read\",\"ref\":\"2\",\"ids\":[]}");
            client.send("{\"type\":\"unread\",\"ref\":\"3\",\"all\":true}");
            client.send("{\"type\":\"ping\",\"ref\":\"4\"}");

            await().atMost(DEADLINE).until(() -> client.frames("pong").size() == 1);
            assertThat(client.frames("error")).extracting(e -> e.get("code").asText() + "/" + e.path("ref").asText())
                    .containsExactly("invalid_json/", "unknown_message_type/1", "invalid_message/2",
                            "invalid_message/3");
            assertThat(client.frames("pong").getFirst().get("ref").asText()).isEqualTo("4");
            assertThat(client.closed()).isNotDone();
        }
    }

    @Test
    void shouldShowAReadInOneTabInEveryOtherTabOnAnyNode() {
        try (RunningService nodeA = pipeline.edge(processor, Map.of());
             RunningService nodeB = pipeline.edge(processor, Map.of());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             WsClient tab = WsClient.connect(nodeA.port(), "", pipeline.token("bob"));
             WsClient phone = WsClient.connect(nodeB.port(), "", pipeline.token("bob"))) {
            await().atMost(DEADLINE).until(() -> !tab.frames("hello").isEmpty() && !phone.frames("hello").isEmpty());
            publisher.publish(like("ana", "p1")).join();
            await().atMost(DEADLINE).until(() -> tab.frames("notification").size() == 1
                    && phone.frames("notification").size() == 1);
            String id = tab.frames("notification").getFirst().get("notification").get("notificationId").asText();

            tab.send("{\"type\":\"read\",\"ref\":\"r1\",\"ids\":[\"" + id + "\"]}");

            await().atMost(DEADLINE).until(() -> tab.frames("inbox_update").size() == 1
                    && phone.frames("inbox_update").size() == 1);
            assertThat(tab.frames("ack")).extracting(a -> a.get("ref").asText()).containsExactly("r1");
            for (WsClient client : List.of(tab, phone)) {
                JsonNode update = client.frames("inbox_update").getFirst();
                assertThat(update.get("action").asText()).isEqualTo("READ");
                assertThat(update.get("states").get(0).get("readAt").isNull()).isFalse();
                assertThat(client.frames("badge").getLast().get("unread").asLong()).isZero();
            }
        }
    }

    @Test
    void shouldDropFramesAboveTheRateWithAnErrorAndKeepTheConnection() {
        try (RunningService edge = pipeline.edge(processor, Map.of("edge.rate.per.second", "1", "edge.rate.burst", "5"));
             WsClient client = WsClient.connect(edge.port(), "", pipeline.token("bob"))) {
            await().atMost(DEADLINE).until(() -> !client.frames("hello").isEmpty());
            for (int i = 0; i < 12; i++) {
                client.send("{\"type\":\"ping\",\"ref\":\"" + i + "\"}");
            }

            await().atMost(DEADLINE).until(() -> client.frames("pong").size() + client.frames("error").size() == 12);
            assertThat(client.frames("pong").size()).isBetween(5, 7);
            assertThat(client.frames("error")).extracting(e -> e.get("code").asText()).containsOnly("rate_limited");
            await().atMost(DEADLINE).untilAsserted(() -> {
                client.send("{\"type\":\"ping\",\"ref\":\"later\"}");
                assertThat(client.frames("pong").getLast().get("ref").asText()).isEqualTo("later");
            });
        }
    }

    @Test
    void shouldDrainEveryConnectionWithAReconnectHintAnd1001() {
        RunningService edge = pipeline.edge(processor, Map.of("edge.drain.seconds", "2"));
        List<WsClient> clients = List.of("drain-1", "drain-2", "drain-3", "drain-4").stream()
                .map(user -> WsClient.connect(edge.port(), "", pipeline.token(user))).toList();
        await().atMost(DEADLINE).until(() -> clients.stream().allMatch(c -> !c.frames("hello").isEmpty()));

        edge.close();

        for (WsClient client : clients) {
            assertThat(client.closed().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join()).isEqualTo(1001);
            assertThat(client.frames("reconnect")).singleElement()
                    .satisfies(r -> assertThat(r.get("retryAfterMs").asLong()).isBetween(0L, 2_000L));
            client.close();
        }
    }

    private static int closeCode(RunningService edge, String token) {
        try (WsClient client = WsClient.connect(edge.port(), "", token)) {
            return client.closed().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).join();
        }
    }

    private static LikeEvent like(String actor, String post) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId(actor)
                .setAction(LikeAction.LIKE).setPostId(post).setPostAuthorId("bob").build();
    }
}
