package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.LikeAction;
import dev.pulse.service.KafkaClientMeters;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The ingest producer's Kafka metrics on {@code /metrics} over real HTTP, after a write to the embedded broker. */
class ProducerMetricsIT extends OneIngestPerTest {

    /** A per-broker series: the binder may find it a refresh after the per-topic one. */
    private static final Pattern NODE_SERIES = Pattern.compile("kafka_producer_node_request_total\\{[^}]*node_id=\"node-[0-9]");

    @Test
    void shouldShowTheTransactionalProducersSendsAndCommitsOnMetrics() {
        client.post(client.userToken(EventFixtures.ACTOR), client.batch(List.of(EventFixtures.like(LikeAction.LIKE))));

        String scrape = scrape();

        assertThat(scrape).containsPattern("kafka_producer_record_send_total\\{[^}]*client_id=\"pulse-ingest\"[^}]*} 1\\.0");
        assertThat(scrape).containsPattern("kafka_producer_txn_commit_time_ns_total\\{[^}]*} [1-9]");
    }

    @Test
    void shouldShowPerTopicAndPerBrokerSeriesOnceTheProducerMetThemButNotTheBootstrapNode() {
        client.post(client.userToken(EventFixtures.ACTOR), client.batch(List.of(EventFixtures.like(LikeAction.LIKE))));

        // Kafka adds them at the first send; the binder looks for new metrics every KafkaClientMeters.REFRESH.
        String scrape = await().atMost(KafkaClientMeters.REFRESH.multipliedBy(3)).pollInterval(Duration.ofMillis(500))
                .until(this::scrape, text -> text.contains("kafka_producer_topic_record_send_total")
                        && NODE_SERIES.matcher(text).find());

        assertThat(scrape).containsPattern("kafka_producer_topic_record_send_total\\{[^}]*topic=\""
                + topics.likes().name() + "\"[^}]*} 1\\.0");
        assertThat(scrape).containsPattern(NODE_SERIES);
        assertThat(scrape).doesNotContain("node_id=\"node--1\"");
    }

    private String scrape() {
        return client.get("/metrics", client.token("prometheus", "metrics")).body();
    }
}
