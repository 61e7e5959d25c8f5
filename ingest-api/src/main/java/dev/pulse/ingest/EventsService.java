package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.JsonBody;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code POST /v1/events} (registered under {@code /v1}): reads one event or a batch ({@link EventBatch}),
 * checks who may post them ({@link EventAccess}), writes them in one transaction ({@link EventWriter}) and
 * answers 202 with where each landed, only after Kafka acknowledged all of them.
 */
final class EventsService implements HttpService {

    private final AvroJson json;
    private final EventWriter writer;
    private final IngestSettings settings;

    EventsService(AvroJson json, EventWriter writer, IngestSettings settings) {
        this.json = json;
        this.writer = writer;
        this.settings = settings;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::post);
    }

    private void post(ServerRequest req, ServerResponse res) {
        JsonNode body = JsonBody.read(req, settings.maxBytes());
        List<SpecificRecord> events = EventBatch.read(body, json, settings.maxEvents());
        EventAccess.requireMayPost(BearerAuthFilter.principal(req), events);
        List<RecordMetadata> landed = writer.write(events);
        Json.send(res, Status.ACCEPTED_202, new Answer(accepted(events, landed)));
    }

    private static List<Accepted> accepted(List<SpecificRecord> events, List<RecordMetadata> landed) {
        List<Accepted> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            SpecificRecord event = events.get(i);
            RecordMetadata at = landed.get(i);
            String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
            accepted.add(new Accepted(eventId, at.topic(), at.partition(), at.offset()));
        }
        return accepted;
    }

    /** The 202 answer: each event in the order sent. */
    record Answer(List<Accepted> accepted) {
    }

    /** Where one event landed. */
    record Accepted(String eventId, String topic, int partition, long offset) {
    }
}
