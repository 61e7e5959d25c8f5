package dev.pulse.processor;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The meters of a streams instance that was created but never started: nothing here talks to a broker. */
class StreamsMetersTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private KafkaStreams streams;

    @BeforeEach
    void create(@TempDir Path dir) throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream("in").to("out");
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "meters-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9");
        props.put(StreamsConfig.STATE_DIR_CONFIG, Files.createDirectories(dir.resolve("state")).toString());
        streams = new KafkaStreams(builder.build(), props);
    }

    @AfterEach
    void close() {
        streams.close();
    }

    @Test
    void shouldBindKafkaMetersAndTheStateGaugeToTheRegistry() {
        try (StreamsMeters ignored = StreamsMeters.bind(streams, registry)) {
            assertThat(registry.find("kafka.stream.alive.stream.threads").gauge()).isNotNull();
            assertThat(registry.get(StreamsMeters.STATE).tag("state", "CREATED").gauge().value()).isEqualTo(1.0);
        }
    }

    @Test
    void shouldRemoveEveryMeterItBoundAndLeaveTheRegistryOpenWhenClosed() {
        registry.counter("service.own");

        StreamsMeters.bind(streams, registry).close();

        assertThat(registry.getMeters()).map(Meter::getId).map(Meter.Id::getName).containsExactly("service.own");
        assertThat(registry.isClosed()).isFalse();
    }

    @Test
    void shouldKeepThreadLagAndRestoreSeriesAndDropDebugOnlyOnes() {
        assertThat(KafkaMeterSelection.kept("kafka.stream.thread.process.rate")).isTrue();
        assertThat(KafkaMeterSelection.kept("kafka.consumer.fetch.manager.records.lag")).isTrue();
        assertThat(KafkaMeterSelection.kept("kafka.stream.state.updater.active.restoring.tasks")).isTrue();
        assertThat(KafkaMeterSelection.kept("kafka.stream.state.estimate.num.keys")).isTrue();
        assertThat(KafkaMeterSelection.kept("kafka.stream.state.put.rate")).isFalse();
        assertThat(KafkaMeterSelection.kept("kafka.stream.task.process.latency.avg")).isFalse();
        assertThat(KafkaMeterSelection.kept("kafka.consumer.fetch.manager.records.lead.min")).isFalse();
    }
}
