package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.KafkaClientMeters;
import dev.pulse.service.ProblemException;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The {@link EventWriter}'s producer meters ({@link KafkaClientMeters}) follow its producer: bound when one is
 * made, gone with it, so a replacement's are the ones on the registry. Each mock producer reports
 * {@code record-send-total} as its own number (1 for the first, 2 for the second).
 */
class EventWriterMetersTest {

    private static final String SENT = "kafka.producer.record.send.total";

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final List<MockProducer<byte[], byte[]>> made = new ArrayList<>();
    private final EventWriter writer = new EventWriter(this::newProducer, Topics.standard(), Duration.ofSeconds(1));

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void shouldPutTheProducersKafkaMetricsOnTheRegistry() {
        writer.meterInto(registry);

        writer.write(List.of(EventFixtures.like(LikeAction.LIKE)));

        assertThat(sent()).containsExactly(1.0);
    }

    @Test
    void shouldBindTheMetersOfTheProducerThatReplacesAFailedOne() {
        writer.meterInto(registry);
        writer.write(List.of(EventFixtures.like(LikeAction.LIKE)));
        made.getFirst().commitTransactionException = new KafkaException("broker gone");
        assertThatThrownBy(() -> writer.write(List.of(EventFixtures.like(LikeAction.LIKE))))
                .isInstanceOf(ProblemException.class);

        writer.write(List.of(EventFixtures.like(LikeAction.LIKE)));

        assertThat(made).hasSize(2);
        assertThat(sent()).containsExactly(2.0);
    }

    @Test
    void shouldRemoveTheMetersWhenClosed() {
        writer.meterInto(registry);
        writer.write(List.of(EventFixtures.like(LikeAction.LIKE)));

        writer.close();

        assertThat(registry.getMeters()).extracting(meter -> meter.getId().getName())
                .noneMatch(name -> name.startsWith("kafka."));
    }

    private List<Double> sent() {
        return registry.find(SENT).functionCounters().stream().map(FunctionCounter::count).toList();
    }

    private MockProducer<byte[], byte[]> newProducer() {
        MockProducer<byte[], byte[]> producer = new MockProducer<>(true, null, new ByteArraySerializer(),
                new ByteArraySerializer());
        producer.setMockMetrics(metric("record-send-total").metricName(), metric("record-send-total"));
        made.add(producer);
        return producer;
    }

    /** A producer-level metric reading the number of producers made so far. */
    private Metric metric(String name) {
        double value = made.size() + 1;
        MetricName metricName = new MetricName(name, "producer-metrics", "", Map.of("client-id", "pulse-ingest"));
        return new Metric() {
            @Override
            public MetricName metricName() {
                return metricName;
            }

            @Override
            public Object metricValue() {
                return value;
            }
        };
    }
}
