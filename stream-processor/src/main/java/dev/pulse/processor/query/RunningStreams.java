package dev.pulse.processor.query;

import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;

/**
 * The streams application as the query API may use it: only while it is RUNNING. Before it exists,
 * while it rebalances or after it stopped, every use is a 503 {@code not-ready} instead of a read from
 * a store that is restoring or moving.
 */
final class RunningStreams {

    private final Supplier<Optional<KafkaStreams>> streams;

    /** @param streams the application, once there is one */
    RunningStreams(Supplier<Optional<KafkaStreams>> streams) {
        this.streams = streams;
    }

    KafkaStreams get() {
        KafkaStreams current = streams.get().orElseThrow(() -> NotReady.because("the stream processor is starting"));
        if (current.state() != KafkaStreams.State.RUNNING) {
            throw NotReady.because("the stream processor is " + current.state().name().toLowerCase(Locale.ROOT));
        }
        return current;
    }
}
