package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.JsonBody;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * {@code POST /v1/events} (registered under {@code /v1}): takes the caller's turn ({@link CallerRateLimit}),
 * reads one event or a batch ({@link EventBatch}), with event ids derived from an {@code Idempotency-Key}
 * where one is sent ({@link IdempotencyKey}), checks who may post them ({@link EventAccess}), writes them
 * in one transaction ({@link EventWriter}) and answers 202 with where each landed, only after Kafka
 * acknowledged all of them. A repeat of a keyed request this node remembers ({@link IdempotencyRecords})
 * is answered 200 from its record, with {@code "repeat": true}, and not written again. Every event
 * accepted or refused is counted ({@link IngestMetrics}).
 */
final class EventsService implements HttpService {

    private final AvroJson json;
    private final EventWriter writer;
    private final IngestSettings settings;
    private final CallerRateLimit rateLimit;
    private final IdempotencyRecords idempotency;
    private final IngestMetrics metrics;

    EventsService(AvroJson json, EventWriter writer, IngestSettings settings, CallerRateLimit rateLimit,
                  IdempotencyRecords idempotency, IngestMetrics metrics) {
        this.json = json;
        this.writer = writer;
        this.settings = settings;
        this.rateLimit = rateLimit;
        this.idempotency = idempotency;
        this.metrics = metrics;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.post("/events", this::post);
    }

    private void post(ServerRequest req, ServerResponse res) {
        Principal caller = BearerAuthFilter.principal(req);
        Keyed keyed = counting(1, () -> keyedBody(req, caller.userId()));
        List<SpecificRecord> events = counting(eventsIn(keyed.body()), () -> {
            List<SpecificRecord> read = EventBatch.read(keyed.body(), json, settings.maxEvents());
            EventAccess.requireMayPost(caller, read);
            return read;
        });
        IdempotencyRecords.Outcome outcome = counting(events.size(), () -> keyed.key()
                .map(key -> idempotency.once(key, keyed.body(), events.size(), () -> write(events)))
                .orElseGet(() -> new IdempotencyRecords.Outcome(write(events), false)));
        if (outcome.repeat()) {
            metrics.rejected(IngestMetrics.REPEAT, events.size());
            res.header(IdempotencyKey.REPLAYED, "true");
            Json.send(res, Status.OK_200, outcome.answer().asRepeat());
        } else {
            Json.send(res, Status.ACCEPTED_202, outcome.answer());
        }
    }

    /** The body, with event ids derived from the caller's key where it sent one; after the caller's turn. */
    private Keyed keyedBody(ServerRequest req, String caller) {
        rateLimit.requireAllowed(caller);
        Optional<IdempotencyKey> key = IdempotencyKey.read(req, caller);
        JsonNode body = JsonBody.read(req, settings.maxBytes());
        key.ifPresent(k -> k.fillEventIds(body));
        return new Keyed(body, key);
    }

    private record Keyed(JsonNode body, Optional<IdempotencyKey> key) {
    }

    /** {@code step}'s result; a refusal it throws is counted as {@code events} rejected events first. */
    private <T> T counting(int events, Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemException refusal) {
            metrics.rejected(IngestMetrics.reason(refusal), events);
            throw refusal;
        }
    }

    private static int eventsIn(JsonNode body) {
        JsonNode events = body.get(EventBatch.EVENTS);
        return events != null && events.isArray() ? Math.max(1, events.size()) : 1;
    }

    private Answer write(List<SpecificRecord> events) {
        Answer answer = new Answer(accepted(events, writer.write(events)), false);
        answer.accepted().forEach(one -> metrics.accepted(one.topic()));
        return answer;
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

    /**
     * The answer: each event in the order sent, and whether this is this node's record of an earlier
     * request with the same {@code Idempotency-Key} ({@code false} means written now).
     */
    record Answer(List<Accepted> accepted, boolean repeat) {

        Answer asRepeat() {
            return new Answer(accepted, true);
        }
    }

    /** Where one event landed. */
    record Accepted(String eventId, String topic, int partition, long offset) {
    }
}
