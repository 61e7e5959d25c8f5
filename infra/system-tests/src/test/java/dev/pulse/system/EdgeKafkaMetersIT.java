package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.service.Json;
import dev.pulse.service.KafkaClientMeters;
import dev.pulse.service.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The edge's Kafka clients on its {@code /metrics}, over real HTTP, next to its {@code pulse_edge_*}
 * series: every feed's consumer and the writes producer under a client id of its own, with what they read
 * and sent once connections used them.
 */
class EdgeKafkaMetersIT extends OneProcessorPerClass {

    private static final Duration DEADLINE = Duration.ofSeconds(60);
    /** Kafka adds per-partition metrics as a client meets the partition; the binder looks every REFRESH. */
    private static final Duration NEW_METER_DEADLINE = KafkaClientMeters.REFRESH.multipliedBy(3);
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldShowEachKafkaClientOfTheNodeUnderAClientIdOfItsOwn() throws Exception {
        try (RunningService edge = pipeline.edge(processor, Map.of())) {
            String node = node(edge);

            String scrape = scrape(edge);

            for (String consumer : new String[] {"inbox", "signals", "counts-posts", "counts-users", "trending"}) {
                assertThat(scrape).containsPattern("kafka_consumer_connection_count\\{[^}]*client_id=\"pulse-"
                        + node + "-" + consumer + "\"");
            }
            assertThat(scrape).containsPattern("kafka_producer_connection_count\\{[^}]*client_id=\"pulse-"
                    + node + "-writes\"");
            assertThat(scrape).contains("pulse_edge_connections");
        }
    }

    @Test
    void shouldShowTheBrokersPerNodeSeriesButNotTheBootstrapPseudoNodes() throws Exception {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             WsClient client = WsClient.connect(edge.port(), "", pipeline.token("meter-dan"))) {
            String node = node(edge);
            await().atMost(DEADLINE).until(() -> !client.frames("hello").isEmpty());
            // The inbox feed now fetches from the broker; each feed met the bootstrap node for its partition count.
            Pattern broker = Pattern.compile("kafka_consumer_node_request_total\\{[^}]*client_id=\"pulse-" + node
                    + "-inbox\"[^}]*node_id=\"node-[0-9]");

            String scrape = await().atMost(NEW_METER_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .until(() -> scrape(edge), text -> broker.matcher(text).find());

            assertThat(scrape).doesNotContain("node_id=\"node--");
        }
    }

    @Test
    void shouldCountTheInboxRecordsTheNodeReadAndTheEventsItWrote() throws Exception {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             WsClient bob = WsClient.connect(edge.port(), "", pipeline.token("meter-bob"));
             WsClient ana = WsClient.connect(edge.port(), "", pipeline.token("meter-ana"))) {
            String node = node(edge);
            await().atMost(DEADLINE).until(() -> !bob.frames("hello").isEmpty() && !ana.frames("hello").isEmpty());

            bob.send("{\"type\":\"send_message\",\"ref\":\"1\",\"clientMessageId\":\"m1\","
                    + "\"recipients\":[\"meter-ana\"],\"text\":\"hi\"}");
            await().atMost(DEADLINE).until(() -> !ana.frames("message").isEmpty());

            // The binder may swap a client-level series for its per-topic one at a refresh: wait for both counts.
            await().atMost(NEW_METER_DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                String scrape = scrape(edge);
                assertThat(scrape).containsPattern("kafka_consumer_fetch_manager_records_consumed_total\\{[^}]*"
                        + "client_id=\"pulse-" + node + "-inbox\"[^}]*} [1-9]");
                assertThat(scrape).containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=\"pulse-"
                        + node + "-writes\"[^}]*} [1-9]");
            });
        }
    }

    @Test
    void shouldShowTheLagOfAWatchedPostsPartitionOnceTheCountsFeedReadsIt() throws Exception {
        try (RunningService edge = pipeline.edge(processor, Map.of());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             WsClient client = WsClient.connect(edge.port(), "", pipeline.token("meter-cid"))) {
            String node = node(edge);
            await().atMost(DEADLINE).until(() -> !client.frames("hello").isEmpty());
            client.send("{\"type\":\"subscribe\",\"ref\":\"w\",\"posts\":[\"meter-post\"]}");
            await().atMost(DEADLINE).until(() -> !client.frames("ack").isEmpty());

            publisher.publish(like("meter-fan", "meter-post")).join();
            await().atMost(DEADLINE).until(() -> !client.frames("count").isEmpty());

            await().atMost(NEW_METER_DEADLINE).pollInterval(Duration.ofMillis(500))
                    .untilAsserted(() -> assertThat(scrape(edge)).containsPattern(
                            "kafka_consumer_fetch_manager_records_lag\\{[^}]*client_id=\"pulse-" + node
                                    + "-counts-posts\"[^}]*topic=\"" + topics.postCounts().name() + "\""));
        }
    }

    private static String node(RunningService edge) throws Exception {
        JsonNode stats = Json.mapper().readTree(get(edge, "/stats"));
        return stats.get("node").asText();
    }

    private static String scrape(RunningService edge) throws Exception {
        return get(edge, "/metrics");
    }

    private static String get(RunningService edge, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + edge.port() + path))
                .header("Authorization", "Bearer " + pipeline.tokenWithScopes("prometheus", "metrics")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(200);
        return response.body();
    }

    private static LikeEvent like(String actor, String post) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId(actor)
                .setAction(LikeAction.LIKE).setPostId(post).setPostAuthorId("meter-bob").build();
    }
}
