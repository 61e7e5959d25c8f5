package dev.pulse.ingest;

import dev.pulse.service.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest API's own meters, beside the request timers every service has ({@code HttpMetrics}):
 * {@value #ACCEPTED} (Prometheus {@code pulse_ingest_events_accepted_total{topic}}) counts events written,
 * {@value #REJECTED} ({@code pulse_ingest_events_rejected_total{reason}}) events not written, by reason.
 * A request refused before its events were read (rate limited, too large, not JSON) counts as one.
 */
final class IngestMetrics {

    static final String ACCEPTED = "pulse.ingest.events.accepted";
    static final String REJECTED = "pulse.ingest.events.rejected";
    /** Reason of events answered from this node's record of an earlier request with the same key. */
    static final String REPEAT = "repeat";

    private final MeterRegistry registry;

    IngestMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void accepted(String topic) {
        Counter.builder(ACCEPTED).description("Events written to Kafka, by topic").tag("topic", topic)
                .register(registry).increment();
    }

    void rejected(String reason, int events) {
        Counter.builder(REJECTED).description("Events not written, by reason").tag("reason", reason)
                .register(registry).increment(events);
    }

    /** The reason label of a refusal: its problem code with {@code _} for {@code -}, the two invalid ones as one. */
    static String reason(ProblemException refusal) {
        return switch (refusal.code()) {
            case EventBatch.INVALID, "invalid-request" -> "invalid";
            case "payload-too-large" -> "too_large";
            default -> refusal.code().replace('-', '_');
        };
    }
}
