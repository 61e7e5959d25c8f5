package dev.pulse.ingest;

import dev.pulse.service.ProblemException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The ingest API's own meters, beside the request timers every service has ({@code HttpMetrics}):
 * {@value #ACCEPTED} (Prometheus {@code pulse_ingest_events_accepted_total{route,topic}}) counts events
 * written, {@value #REJECTED} ({@code pulse_ingest_events_rejected_total{reason,route}}) events not written,
 * by reason. {@code route} names the write route: {@value #EVENTS_ROUTE} ({@code POST /v1/events}),
 * {@value #INBOX_ROUTE} (the inbox actions, one event each) or {@value #SETTINGS_ROUTE} (a settings PUT, one
 * event). A request refused before its events were read (rate limited, too large, not JSON) counts as one.
 */
final class IngestMetrics {

    static final String ACCEPTED = "pulse.ingest.events.accepted";
    static final String REJECTED = "pulse.ingest.events.rejected";
    /** Reason of events answered from this node's record of an earlier request with the same key. */
    static final String REPEAT = "repeat";
    static final String EVENTS_ROUTE = "events";
    static final String INBOX_ROUTE = "inbox";
    static final String SETTINGS_ROUTE = "settings";

    private final MeterRegistry registry;
    private final String route;

    /** Counts under {@value #EVENTS_ROUTE} until {@link #forRoute} names another. */
    IngestMetrics(MeterRegistry registry) {
        this(registry, EVENTS_ROUTE);
    }

    private IngestMetrics(MeterRegistry registry, String route) {
        this.registry = registry;
        this.route = route;
    }

    IngestMetrics forRoute(String name) {
        return new IngestMetrics(registry, name);
    }

    void accepted(String topic) {
        Counter.builder(ACCEPTED).description("Events written to Kafka, by write route and topic")
                .tag("route", route).tag("topic", topic).register(registry).increment();
    }

    void rejected(String reason, int events) {
        Counter.builder(REJECTED).description("Events not written, by write route and reason")
                .tag("route", route).tag("reason", reason).register(registry).increment(events);
    }

    /** The reason label of a refusal: its problem code with {@code _} for {@code -}, the invalid ones as one. */
    static String reason(ProblemException refusal) {
        return switch (refusal.code()) {
            case EventBatch.INVALID, InvalidBody.CODE, "invalid-request" -> "invalid";
            case "payload-too-large" -> "too_large";
            default -> refusal.code().replace('-', '_');
        };
    }
}
