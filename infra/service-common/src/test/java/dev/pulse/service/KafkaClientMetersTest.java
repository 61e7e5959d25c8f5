package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A Kafka client's meters follow the binding: on the registry under the client's id once bound, gone
 * once closed, without the bootstrap pseudo-node's. The clients point at a port nothing listens on: their
 * client-level metrics exist from construction, before any broker answers.
 */
class KafkaClientMetersTest {

    private static final String NOWHERE = "127.0.0.1:1";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldPutAConsumersKafkaMetricsOnTheRegistryUnderItsClientId() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("edge-inbox");
             KafkaClientMeters ignored = KafkaClientMeters.bind(consumer, registry)) {

            assertThat(registry.find("kafka.consumer.fetch.manager.records.consumed.total")
                    .tag("client.id", "edge-inbox").functionCounter()).isNotNull();
        }
    }

    @Test
    void shouldPutAProducersKafkaMetricsOnTheRegistryUnderItsClientId() {
        KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(withClientId("edge-writes"),
                new ByteArraySerializer(), new ByteArraySerializer());
        try (KafkaClientMeters ignored = KafkaClientMeters.bind(producer, registry)) {

            assertThat(registry.find("kafka.producer.record.error.total")
                    .tag("client.id", "edge-writes").functionCounter()).isNotNull();
        } finally {
            producer.close(Duration.ZERO);
        }
    }

    @Test
    void shouldRemoveEveryKafkaMeterWhenClosed() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("edge-signals")) {
            KafkaClientMeters meters = KafkaClientMeters.bind(consumer, registry);

            meters.close();

            assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                    .noneMatch(name -> name.startsWith("kafka."));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.producer.node.request.total", "kafka.consumer.node.request.latency.avg"})
    void shouldLeaveOutTheBootstrapPseudoNodesMetrics(String perNode) {
        assertThat(KafkaClientMeters.kept(id(perNode, "node.id", "node--1"))).isFalse();
    }

    @ParameterizedTest
    @ValueSource(strings = {"kafka.producer.node.request.total", "kafka.consumer.node.request.latency.avg"})
    void shouldKeepARealBrokersPerNodeMetrics(String perNode) {
        assertThat(KafkaClientMeters.kept(id(perNode, "node.id", "node-1"))).isTrue();
    }

    @Test
    void shouldKeepMetricsThatAreNotPerNode() {
        assertThat(KafkaClientMeters.kept(id("kafka.consumer.connection.count", "client.id", "edge-inbox"))).isTrue();
    }

    private static Meter.Id id(String name, String tag, String value) {
        return new Meter.Id(name, Tags.of(tag, value), null, null, Meter.Type.GAUGE);
    }

    private static KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(withClientId(clientId), new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static Map<String, Object> withClientId(String clientId) {
        return Map.of("bootstrap.servers", NOWHERE, "client.id", clientId);
    }
}
