package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.RunningService;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Chat over the edge: messages reach the recipient's inbox, and the recipient whole, once however often sent;
 * typing and presence cross nodes.
 */
class WsChatIT extends OneProcessorPerClass {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Well below the 30 s presence refresh: a change after the subscribe's ack must come as it happens. */
    private static final Duration CHANGE_DEADLINE = Duration.ofSeconds(10);

    @Test
    void shouldDeliverAMessageOnceEvenWhenSentTwice() {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             WsClient bob = WsClient.connect(edge.port(), "", pipeline.token("bob"));
             WsClient ana = WsClient.connect(edge.port(), "", pipeline.token("ana"))) {
            await().atMost(DEADLINE).until(() -> !bob.frames("hello").isEmpty() && !ana.frames("hello").isEmpty());

            bob.send(message("m1", "hi ana", "1"));
            bob.send(message("m1", "hi ana", "2"));
            await().atMost(DEADLINE).until(() -> bob.frames("ack").size() == 2);
            String third = "third, and longer than a preview: " + "la ".repeat(60).strip();
            bob.send(message("m2", third, "3"));

            await().atMost(DEADLINE).until(() -> ana.frames("message").size() == 2);
            List<JsonNode> acks = bob.frames("ack");
            assertThat(acks.get(0).get("eventId")).isEqualTo(acks.get(1).get("eventId"));
            assertThat(acks.get(0).get("clientMessageId").asText()).isEqualTo("m1");
            assertThat(acks.get(0).get("conversationId")).isEqualTo(acks.get(2).get("conversationId"));
            assertThat(acks).allSatisfy(ack -> assertThat(ack.get("offset").asLong()).isNotNegative());
            assertThat(ana.frames("notification")).hasSize(2)
                    .allSatisfy(n -> assertThat(n.path("notification").path("type").asText()).isEqualTo("MESSAGE"));
            assertThat(ana.frames("notification").getFirst().path("notification").path("preview").asText())
                    .isEqualTo("hi ana");
            assertThat(ana.frames("notification").getLast().path("notification").path("preview").asText())
                    .hasSizeLessThan(third.length());
            assertThat(ana.frames("message")).extracting(m -> m.get("text").asText()).containsExactly("hi ana", third);
            assertThat(ana.frames("message")).allSatisfy(m -> {
                assertThat(m.get("senderId").asText()).isEqualTo("bob");
                assertThat(m.get("conversationId")).isEqualTo(acks.get(0).get("conversationId"));
            });
            assertThat(ana.frames("message").getLast().get("messageId")).isEqualTo(acks.get(2).get("eventId"));
            assertThat(bob.frames("message")).isEmpty();
        }
    }

    @Test
    void shouldShowTypingAndPresenceAcrossNodes() {
        try (RunningService nodeA = pipeline.edge(processor, Map.of());
             RunningService nodeB = pipeline.edge(processor, Map.of());
             WsClient cid = WsClient.connect(nodeB.port(), "", pipeline.token("cid"))) {
            await().atMost(DEADLINE).until(() -> !cid.frames("hello").isEmpty());
            cid.send("{\"type\":\"subscribe\",\"ref\":\"p\",\"presence\":[\"dan\"]}");
            await().atMost(DEADLINE).until(() -> !cid.frames("ack").isEmpty());

            WsClient dan = WsClient.connect(nodeA.port(), "", pipeline.token("dan"));
            await().atMost(DEADLINE).until(() -> !dan.frames("hello").isEmpty());
            dan.send("{\"type\":\"typing\",\"recipients\":[\"cid\"],\"state\":\"started\"}");

            await().atMost(CHANGE_DEADLINE).until(() -> !cid.frames("typing").isEmpty() && online(cid).contains(true));
            JsonNode typing = cid.frames("typing").getFirst();
            assertThat(typing.get("userId").asText()).isEqualTo("dan");
            assertThat(typing.get("typing").asBoolean()).isTrue();
            assertThat(typing.get("conversationId").asText()).startsWith("c-");

            dan.close();
            await().atMost(CHANGE_DEADLINE).until(() -> online(cid).getLast().equals(false));
        }
    }

    @Test
    void shouldShowASentMessageOnEveryConnectionOfItsSenderOnAnyNode() {
        try (RunningService nodeA = pipeline.edge(processor, Map.of());
             RunningService nodeB = pipeline.edge(processor, Map.of());
             WsClient phone = WsClient.connect(nodeA.port(), "", pipeline.token("eve"));
             WsClient laptop = WsClient.connect(nodeB.port(), "", pipeline.token("eve"));
             WsClient fay = WsClient.connect(nodeB.port(), "", pipeline.token("fay"))) {
            await().atMost(DEADLINE).until(() -> !phone.frames("hello").isEmpty()
                    && !laptop.frames("hello").isEmpty() && !fay.frames("hello").isEmpty());

            phone.send("{\"type\":\"send_message\",\"ref\":\"1\",\"clientMessageId\":\"e1\","
                    + "\"recipients\":[\"fay\"],\"text\":\"on my way\"}");

            await().atMost(CHANGE_DEADLINE).until(() -> !phone.frames("message_sent").isEmpty()
                    && !laptop.frames("message_sent").isEmpty() && !fay.frames("message").isEmpty());
            JsonNode ack = phone.frames("ack").getFirst();
            for (WsClient tab : List.of(phone, laptop)) {
                assertThat(tab.frames("message_sent")).singleElement().satisfies(sent -> {
                    assertThat(sent.get("text").asText()).isEqualTo("on my way");
                    assertThat(sent.get("messageId")).isEqualTo(ack.get("eventId"));
                    assertThat(sent.get("conversationId")).isEqualTo(ack.get("conversationId"));
                });
                assertThat(tab.frames("message")).isEmpty();
            }
            assertThat(fay.frames("message").getFirst().get("messageId")).isEqualTo(ack.get("eventId"));
            assertThat(fay.frames("message_sent")).isEmpty();
        }
    }

    private static List<Boolean> online(WsClient client) {
        return client.frames("presence").stream().map(p -> p.get("online").asBoolean()).toList();
    }

    private static String message(String clientMessageId, String text, String ref) {
        return "{\"type\":\"send_message\",\"ref\":\"" + ref + "\",\"clientMessageId\":\"" + clientMessageId
                + "\",\"recipients\":[\"ana\"],\"text\":\"" + text + "\"}";
    }
}
