package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.service.RunningService;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Resume without loss, checked against the inbox topic by the resume rule: a client that loses its edge
 * node mid-stream reconnects to another while events keep arriving; a client offline past the inbox's cap
 * gets one gap frame; a client of another epoch gets a reset; a socket that stops reading is closed as a
 * slow consumer while its user's other tab keeps receiving, and resumes gap-free.
 */
class WsResumeIT extends OneProcessorPerClass {

    private static final Duration DEADLINE = Duration.ofSeconds(90);
    /** The processor's default {@code processor.inbox.size}. */
    private static final int INBOX_SIZE = 200;

    private static EventPublisher publisher;

    @BeforeAll
    static void startPublisher() {
        publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
    }

    @AfterAll
    static void stopPublisher() {
        publisher.close();
    }

    @Test
    void shouldResumeOnAnotherNodeWithoutLossWhileEventsKeepComing() throws Exception {
        try (RunningService nodeB = pipeline.edge(processor, Map.of())) {
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
                await().atMost(DEADLINE).untilAsserted(() -> assertThat(second.lastInboxSeq())
                        .isEqualTo(records("bob").getLast().getSeq()));
                received.addAll(second.frames());

                assertThat(second.frames("hello").getFirst().get("resumed").isObject()).isTrue();
                assertThat(ResumeRule.violations(records("bob"), received, startedAfter))
                        .as("resumed with %s; second connection's frames %s; topic %s", resumeFrom,
                                second.frames().subList(0, Math.min(12, second.frames().size())),
                                records("bob").stream().map(r -> r.getSeq() + ":" + r.getChange())
                                        .toList())
                        .isEmpty();
            }
        }
    }

    @Test
    void shouldResumeAcrossTheInboxCapWithOneGapFrame() {
        try (RunningService edge = pipeline.edge(processor, Map.of())) {
            List<JsonNode> received = new ArrayList<>();
            String resumeFrom;
            try (WsClient first = WsClient.connect(edge.port(), "", pipeline.token("gail"))) {
                await().atMost(DEADLINE).until(() -> !first.frames("hello").isEmpty());
                publisher.publish(like(0, "gail")).join();
                await().atMost(DEADLINE).until(() -> !first.frames("notification").isEmpty());
                received.addAll(first.frames());
                resumeFrom = first.resumeQuery();
            }
            // Offline, more new notifications than the inbox keeps: the oldest are dropped.
            publishAll(IntStream.rangeClosed(1, INBOX_SIZE + 30).mapToObj(i -> like(i, "gail")).toList());
            long last = INBOX_SIZE + 31;
            await().atMost(DEADLINE).until(() -> records("gail").size() == last);

            try (WsClient second = WsClient.connect(edge.port(), resumeFrom, pipeline.token("gail"))) {
                await().atMost(DEADLINE).until(() -> second.lastInboxSeq() == last);
                received.addAll(second.frames());

                assertThat(second.frames("gap")).singleElement().satisfies(gap -> {
                    assertThat(gap.get("fromSeq").asLong()).isEqualTo(2);
                    assertThat(gap.get("dropped").asLong()).isPositive();
                });
                assertThat(ResumeRule.violations(records("gail"), received, 0)).isEmpty();
            }
        }
    }

    @Test
    void shouldResetAClientThatHoldsAnotherEpoch() {
        publisher.publish(like(0, "rhea")).join();
        await().atMost(DEADLINE).until(() -> records("rhea").size() == 1);
        try (RunningService edge = pipeline.edge(processor, Map.of());
             WsClient client = WsClient.connect(edge.port(), "epoch=an-old-epoch&lastSeq=5", pipeline.token("rhea"))) {
            await().atMost(DEADLINE).until(() -> !client.frames("reset").isEmpty());
            JsonNode reset = client.frames("reset").getFirst();
            assertThat(reset.get("epoch").asText()).isEqualTo(records("rhea").getFirst().getEpoch());
            assertThat(reset.get("lastSeq").asLong()).isEqualTo(1);
            assertThat(reset.get("reason").asText()).isEqualTo("epoch_changed");

            publisher.publish(like(1, "rhea")).join();
            await().atMost(DEADLINE).until(() -> client.lastInboxSeq() == 2);
            assertThat(client.frames("notification").getLast().get("epoch")).isEqualTo(reset.get("epoch"));
        }
    }

    @Test
    void shouldCloseAStalledSocketAsASlowConsumerWhileTheUsersOtherTabKeepsReceiving() throws Exception {
        int messages = 1_500;
        try (RunningService edge = pipeline.edge(processor, Map.of());
             StalledSocket stalled = new StalledSocket(edge.port(), pipeline.token("sam"));
             WsClient tab = WsClient.connect(edge.port(), "", pipeline.token("sam"))) {
            await().atMost(DEADLINE).until(() -> !tab.frames("hello").isEmpty());

            // Three frames each (notification, message, badge): more than the stalled socket's queue holds.
            String text = "x".repeat(4_000);
            publishAll(IntStream.range(0, messages).mapToObj(i -> message(i, "sam", text)).toList());
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(tab.frames("message")).hasSize(messages));

            assertThat(stalled.readUntilClosed(DEADLINE)).isEqualTo(4008);
            assertThat(tab.closed()).isNotDone();
            assertThat(stalled.frames()).filteredOn(f -> f.path("type").asText().equals("message"))
                    .hasSizeLessThan(messages);
            try (WsClient resumed = WsClient.connect(edge.port(), stalled.resumeQuery(), pipeline.token("sam"))) {
                long last = records("sam").getLast().getSeq();
                await().atMost(DEADLINE).until(() -> resumed.lastInboxSeq() == last);
                List<JsonNode> received = new ArrayList<>(stalled.frames());
                received.addAll(resumed.frames());
                assertThat(ResumeRule.violations(records("sam"), received, 0)).isEmpty();
            }
        }
    }

    private static void awaitInboxFrames(WsClient client, int count) {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(client.frames())
                .as("frames %s, closed %s", client.frames(), client.closed().getNow(null))
                .filteredOn(f -> f.has("epoch") && f.has("seq")).hasSizeGreaterThanOrEqualTo(count));
    }


    private static void publishAll(List<? extends SpecificRecord> events) {
        CompletableFuture.allOf(events.stream().map(publisher::publish).toArray(CompletableFuture[]::new)).join();
    }

    private static List<InboxRecord> records(String user) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream().map(ConsumerRecord::value)
                .filter(r -> r.getRecipientId().equals(user)).toList();
    }

    /** A like of a post of its own, so every one opens a notification of its own. */
    private static LikeEvent like(int n, String author) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId("fan-" + n).setAction(LikeAction.LIKE).setPostId(author + "-post-" + n)
                .setPostAuthorId(author).build();
    }

    private static DirectMessage message(int n, String recipient, String text) {
        return DirectMessage.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId("pen-pal").setConversationId("pen-pal-" + recipient).setMessageId("m-" + n)
                .setRecipientIds(List.of(recipient)).setText(text).build();
    }
}
