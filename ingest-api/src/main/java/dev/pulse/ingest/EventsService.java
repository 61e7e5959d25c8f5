package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.JsonBody;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/**
 * {@code POST /v1/events} (registered under {@code /v1}): after the caller's turn ({@link WriteGate}), reads
 * one event or a batch ({@link EventBatch}), with event ids derived from an {@code Idempotency-Key} where one
 * is sent ({@link IdempotencyKey}), checks who may post them ({@link EventAccess}), and has the gate write
 * them in one transaction and answer 202 with where each landed, only after Kafka acknowledged all of them,
 * or 200 with {@code "repeat": true} for a repeat this node remembers.
 */
final class EventsService implements HttpService {

    private final AvroJson json;
    private final IngestSettings settings;
    private final WriteGate gate;

    EventsService(AvroJson json, IngestSettings settings, WriteGate gate) {
        this.json = json;
        this.settings = settings;
        this.gate = gate.forRoute(IngestMetrics.EVENTS_ROUTE);
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::post);
    }

    private void post(ServerRequest req, ServerResponse res) {
        WriteGate.Admitted admitted = gate.admit(req);
        JsonNode body = gate.counting(1, () -> JsonBody.read(req, settings.maxBytes()));
        admitted.key().ifPresent(key -> key.fillEventIds(body));
        List<SpecificRecord> events = gate.counting(eventsIn(body), () -> {
            List<SpecificRecord> read = EventBatch.read(body, json, settings.maxEvents());
            EventAccess.requireMayPost(admitted.caller(), read);
            return read;
        });
        gate.write(res, admitted, body, events);
    }

    private static int eventsIn(JsonNode body) {
        JsonNode events = body.get(EventBatch.EVENTS);
        return events != null && events.isArray() ? Math.max(1, events.size()) : 1;
    }
}
