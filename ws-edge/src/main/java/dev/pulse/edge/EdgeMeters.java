package dev.pulse.edge;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.function.Supplier;

/** The edge's series on {@code /metrics} (README, "What to watch"). */
final class EdgeMeters {

    private final MeterRegistry registry;
    final Counter framesIn;
    final Counter framesRefused;
    final Counter framesOut;
    final Counter resumes;
    final Counter resets;
    final Counter gaps;
    final Counter slowConsumerCloses;
    final Counter refusedConnections;

    EdgeMeters(MeterRegistry registry) {
        this.registry = registry;
        this.framesIn = Counter.builder("pulse_edge_frames_in").description("Frames read from clients").register(registry);
        this.framesOut = Counter.builder("pulse_edge_frames_out").description("Frames sent to clients").register(registry);
        this.framesRefused = Counter.builder("pulse_edge_frames_refused")
                .description("Client frames answered with an error frame").register(registry);
        this.resumes = Counter.builder("pulse_edge_resumes").description("Resumes answered").register(registry);
        this.resets = Counter.builder("pulse_edge_resets").description("Resumes answered with a reset").register(registry);
        this.gaps = Counter.builder("pulse_edge_gaps").description("Resumes with a gap frame").register(registry);
        this.slowConsumerCloses = Counter.builder("pulse_edge_slow_consumer_closes")
                .description("Connections closed because their queue overflowed").register(registry);
        this.refusedConnections = Counter.builder("pulse_edge_connections_refused")
                .description("Connections closed at open: token or connection cap").register(registry);
    }

    void gauge(String name, String description, Supplier<Number> value) {
        Gauge.builder(name, value).description(description).register(registry);
    }
}
