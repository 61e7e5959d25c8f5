package dev.pulse.processor;

import dev.pulse.service.KafkaClientMeters;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.KafkaStreams;

/**
 * One {@link KafkaStreams} instance's meters on the service's registry, for as long as that instance lives:
 * every Kafka Streams, consumer, producer and admin metric through Micrometer's {@link KafkaStreamsMetrics}
 * ({@code kafka_stream_thread_process_rate}, {@code kafka_consumer_fetch_manager_records_lag}, ...), and
 * {@value #STATE} ({@code pulse_processor_streams_state{state="RUNNING"} 1}), the application's state as one
 * series per {@link KafkaStreams.State} valued 1 for the current one, which Kafka exposes only as an ordinal.
 *
 * <p>Kafka's metrics pass through {@link KafkaMeterSelection} on their way ({@link KafkaClientMeters} binds
 * them, as it does every service's Kafka clients), so that filter touches Kafka's meters only. Kafka adds
 * metrics as partitions, tasks and threads come and go; the binder looks for new ones every
 * {@link KafkaClientMeters#REFRESH}, instead of its default minute, so a partition's lag shows soon after an
 * assignment. {@link #close} removes every meter it added, so a later instance binds afresh on the same
 * registry.
 */
public final class StreamsMeters implements AutoCloseable {

    public static final String STATE = "pulse.processor.streams.state";

    private final MeterRegistry registry;
    private final KafkaClientMeters kafka;
    private final List<Meter> own = new ArrayList<>();

    private StreamsMeters(KafkaStreams streams, MeterRegistry registry) {
        this.registry = registry;
        this.kafka = KafkaClientMeters.bind(registry, KafkaMeterSelection.filter(),
                refresher -> new KafkaStreamsMetrics(streams, List.of(), refresher, KafkaClientMeters.REFRESH));
    }

    /** Binds {@code streams}' meters to {@code registry}; close the result when {@code streams} closes. */
    public static StreamsMeters bind(KafkaStreams streams, MeterRegistry registry) {
        StreamsMeters meters = new StreamsMeters(streams, registry);
        for (KafkaStreams.State state : KafkaStreams.State.values()) {
            meters.own.add(Gauge.builder(STATE, streams, s -> s.state() == state ? 1 : 0)
                    .description("1 for the state the Kafka Streams application is in, 0 for the others")
                    .tag("state", state.name())
                    .register(registry));
        }
        return meters;
    }

    /** Stops looking for new Kafka metrics and removes every meter bound here. */
    @Override
    public void close() {
        kafka.close();
        own.forEach(registry::remove);
    }
}
