package dev.pulse.ingest;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.Producer;

/**
 * One producer's Kafka metrics on the service's registry, for as long as that producer lives: Micrometer's
 * {@link KafkaClientMetrics} under its standard names ({@code kafka_producer_record_send_total},
 * {@code kafka_producer_txn_commit_time_ns_total}, {@code kafka_producer_topic_record_error_total{topic}},
 * ...). The {@link EventWriter} replaces its producer after a Kafka failure, under the same client id: it
 * closes these meters first, which removes every one of them, so the new producer's bind afresh instead of
 * the registry keeping the old producer's under the same names.
 *
 * <p>The meters pass through {@link #kept} on their way (a composite registry holding that filter forwards
 * to the service's registry, so the filter touches Kafka's meters only), as the stream processor's
 * {@code KafkaMeterSelection} does for Kafka Streams. Its rules do not apply here (a producer has no
 * stores, tasks or fetches); what a producer adds that says nothing is its bootstrap pseudo-node
 * ({@code node_id="node--1"}), used once for the first metadata and then idle for the producer's life.
 * Kafka adds per-topic and per-broker metrics as the producer first meets them; the binder looks for new
 * ones every {@link #REFRESH}.
 */
final class ProducerMeters implements AutoCloseable {

    static final Duration REFRESH = Duration.ofSeconds(10);
    private static final String NODE_METRICS = "kafka.producer.node.";
    private static final String BOOTSTRAP_NODE = "node--";

    private final MeterRegistry registry;
    private final CompositeMeterRegistry selected = new CompositeMeterRegistry();
    private final ScheduledExecutorService refresher;
    private final KafkaClientMetrics kafka;

    private ProducerMeters(Producer<?, ?> producer, MeterRegistry registry) {
        this.registry = registry;
        selected.config().meterFilter(filter());
        selected.add(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("pulse-producer-meters").daemon().factory());
        this.kafka = new KafkaClientMetrics(producer, List.of(), refresher, REFRESH);
    }

    /** Binds {@code producer}'s meters to {@code registry}; close the result before closing {@code producer}. */
    static ProducerMeters bind(Producer<?, ?> producer, MeterRegistry registry) {
        ProducerMeters meters = new ProducerMeters(producer, registry);
        meters.kafka.bindTo(meters.selected);
        return meters;
    }

    /** Whether a Kafka meter reaches the service's registry. */
    static boolean kept(Meter.Id id) {
        String node = id.getTag("node.id");
        return !(id.getName().startsWith(NODE_METRICS) && node != null && node.startsWith(BOOTSTRAP_NODE));
    }

    private static MeterFilter filter() {
        return new MeterFilter() {
            @Override
            public MeterFilterReply accept(Meter.Id id) {
                return kept(id) ? MeterFilterReply.NEUTRAL : MeterFilterReply.DENY;
            }
        };
    }

    /** Stops looking for new Kafka metrics and removes every meter bound here. */
    @Override
    public void close() {
        refresher.shutdownNow();
        try {
            refresher.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        kafka.close();
        selected.remove(registry); // not close(): that would close the service's registry too
    }
}
