package dev.pulse.service;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import io.micrometer.core.instrument.binder.kafka.KafkaClientMetrics;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.config.MeterFilterReply;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.producer.Producer;

/**
 * One Kafka client's metrics on a service's registry, for as long as that client lives: Micrometer's
 * {@link KafkaClientMetrics} under its standard names ({@code kafka_producer_record_send_total},
 * {@code kafka_consumer_fetch_manager_records_lag{topic,partition}}, ...), told apart by their
 * {@code client_id} tag, so each client of a service needs its own {@code client.id}. Every service that
 * makes Kafka clients binds them here, the same way (the stream processor binds its Kafka Streams meters
 * here too, with a selection of its own). Close it before the client: that removes every meter
 * bound here, so a client that replaces another under the same id binds afresh instead of the registry
 * keeping the old one's under the same names.
 *
 * <p>The meters pass through {@link #kept} on their way (a composite registry holding that filter forwards
 * to the service's registry, so the filter touches Kafka's meters only). What a client adds that says
 * nothing is its bootstrap pseudo-node ({@code node_id="node--1"}), used once for the first metadata and
 * then idle for the client's life. Kafka adds per-topic, per-partition and per-broker metrics as the
 * client first meets them; the binder looks for new ones every {@link #REFRESH}.
 */
public final class KafkaClientMeters implements AutoCloseable {

    /** How often the binder looks for metrics Kafka added since: a new one shows up at most this late. */
    public static final Duration REFRESH = Duration.ofSeconds(10);
    private static final List<String> NODE_METRICS = List.of("kafka.producer.node.", "kafka.consumer.node.");
    private static final String BOOTSTRAP_NODE = "node--";

    private final MeterRegistry registry;
    private final CompositeMeterRegistry selected = new CompositeMeterRegistry();
    private final ScheduledExecutorService refresher;
    private final AutoCloseable kafka;

    private <M extends MeterBinder & AutoCloseable> KafkaClientMeters(
            MeterRegistry registry, MeterFilter selection, Function<ScheduledExecutorService, M> metrics) {
        this.registry = registry;
        selected.config().meterFilter(selection);
        selected.add(registry);
        this.refresher = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform()
                .name("pulse-kafka-meters").daemon().factory());
        M binder = metrics.apply(refresher);
        binder.bindTo(selected);
        this.kafka = binder;
    }

    /** Binds {@code producer}'s meters to {@code registry}; close the result before closing {@code producer}. */
    public static KafkaClientMeters bind(Producer<?, ?> producer, MeterRegistry registry) {
        return new KafkaClientMeters(registry, filter(),
                refresher -> new KafkaClientMetrics(producer, List.of(), refresher, REFRESH));
    }

    /**
     * Binds {@code consumer}'s meters to {@code registry}; close the result before closing {@code consumer}.
     * The binder reads the consumer's metrics from its own thread, which Kafka allows (only
     * {@code metrics()}, which takes no lock).
     */
    public static KafkaClientMeters bind(Consumer<?, ?> consumer, MeterRegistry registry) {
        return new KafkaClientMeters(registry, filter(),
                refresher -> new KafkaClientMetrics(consumer, List.of(), refresher, REFRESH));
    }

    /**
     * Binds the Kafka meters {@code metrics} makes (a Micrometer Kafka binder refreshing on the scheduler it is
     * given, every {@link #REFRESH}) to {@code registry}, keeping those {@code selection} accepts: for clients
     * with a selection of their own, such as a Kafka Streams instance's.
     */
    public static <M extends MeterBinder & AutoCloseable> KafkaClientMeters bind(
            MeterRegistry registry, MeterFilter selection, Function<ScheduledExecutorService, M> metrics) {
        return new KafkaClientMeters(registry, selection, metrics);
    }

    /** Whether a Kafka meter reaches the service's registry: all but the bootstrap pseudo-node's. */
    static boolean kept(Meter.Id id) {
        String node = id.getTag("node.id");
        boolean perNode = NODE_METRICS.stream().anyMatch(id.getName()::startsWith);
        return !(perNode && node != null && node.startsWith(BOOTSTRAP_NODE));
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
        try {
            kafka.close();
        } catch (Exception e) {
            throw new IllegalStateException("closing Kafka meters", e);
        }
        selected.remove(registry); // not close(): that would close the service's registry too
    }
}
