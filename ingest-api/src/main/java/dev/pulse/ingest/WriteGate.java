package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What every write route does around reading its own body ({@code POST /v1/events}, the inbox actions,
 * {@code PUT /v1/users/{id}/settings}), decided once here so the routes cannot drift apart: it takes the
 * caller's turn ({@link CallerRateLimit}, one instance for all routes), reads its {@code Idempotency-Key}
 * ({@link IdempotencyKey}), writes the events through the {@link EventWriter} once per key on this node
 * ({@link IdempotencyRecords}), answers 202 with where each landed or 200 with {@code "repeat": true}, and
 * counts every event accepted or refused under the route's name ({@link IngestMetrics}).
 *
 * <p>A key names the whole request: its method, path and body, so the same key on another route or with
 * another body is a 422. An event the API builds itself (an inbox action, a settings change) gets the event
 * id the key derives for index 0, as the first event of a keyed {@code POST /v1/events} would.
 */
final class WriteGate {

    private static final String EVENT_ID = "eventId";

    private final CallerRateLimit rateLimit;
    private final IdempotencyRecords idempotency;
    private final EventWriter writer;
    private final IngestMetrics metrics;

    WriteGate(CallerRateLimit rateLimit, IdempotencyRecords idempotency, EventWriter writer, IngestMetrics metrics) {
        this.rateLimit = rateLimit;
        this.idempotency = idempotency;
        this.writer = writer;
        this.metrics = metrics;
    }

    /** The same gate, counting under {@code route} (one of {@link IngestMetrics}' routes). */
    WriteGate forRoute(String route) {
        return new WriteGate(rateLimit, idempotency, writer, metrics.forRoute(route));
    }

    /** A caller let through, and the key it sent, if any. */
    record Admitted(Principal caller, Optional<IdempotencyKey> key, String method, String path) {
    }

    /** The caller after its turn, with its key; a refusal (429, a malformed key) counts as one event. */
    Admitted admit(ServerRequest req) {
        return counting(1, () -> {
            Principal caller = BearerAuthFilter.principal(req);
            rateLimit.requireAllowed(caller.userId());
            return new Admitted(caller, IdempotencyKey.read(req, caller.userId()),
                    req.prologue().method().text(), req.path().absolute().rawPath());
        });
    }

    /** {@code step}'s result; a refusal it throws is counted as {@code events} rejected events first. */
    <T> T counting(int events, Supplier<T> step) {
        try {
            return step.get();
        } catch (ProblemException refusal) {
            metrics.rejected(IngestMetrics.reason(refusal), events);
            throw refusal;
        }
    }

    /** Writes one event the API built from {@code body} (null when none), its id derived from the key if sent. */
    void writeOne(ServerResponse res, Admitted admitted, JsonNode body, SpecificRecord event) {
        admitted.key().ifPresent(key -> event.put(event.getSchema().getField(EVENT_ID).pos(), key.eventId(0)));
        write(res, admitted, body, List.of(event));
    }

    /** Writes {@code events} read from {@code body}, once per key on this node, and answers. */
    void write(ServerResponse res, Admitted admitted, JsonNode body, List<SpecificRecord> events) {
        IdempotencyRecords.Outcome outcome = counting(events.size(), () -> admitted.key()
                .map(key -> idempotency.once(key, request(admitted, body), events.size(), () -> writeNow(events)))
                .orElseGet(() -> new IdempotencyRecords.Outcome(writeNow(events), false)));
        if (outcome.repeat()) {
            metrics.rejected(IngestMetrics.REPEAT, events.size());
            res.header(IdempotencyKey.REPLAYED, "true");
            Json.send(res, Status.OK_200, outcome.answer().asRepeat());
        } else {
            Json.send(res, Status.ACCEPTED_202, outcome.answer());
        }
    }

    /** What a key names: the method, the path and the body as parsed. */
    private static JsonNode request(Admitted admitted, JsonNode body) {
        ObjectNode request = Json.mapper().createObjectNode().put("method", admitted.method())
                .put("path", admitted.path());
        request.set("body", body == null ? NullNode.getInstance() : body);
        return request;
    }

    private Answer writeNow(List<SpecificRecord> events) {
        List<RecordMetadata> landed = writer.write(events);
        List<Accepted> accepted = new ArrayList<>(events.size());
        for (int i = 0; i < events.size(); i++) {
            SpecificRecord event = events.get(i);
            RecordMetadata at = landed.get(i);
            String eventId = String.valueOf(event.get(event.getSchema().getField(EVENT_ID).pos()));
            accepted.add(new Accepted(eventId, at.topic(), at.partition(), at.offset()));
            metrics.accepted(at.topic());
        }
        return new Answer(accepted, false);
    }

    /**
     * The answer of every write route: each event in the order sent, and whether this is this node's record
     * of an earlier request with the same {@code Idempotency-Key} ({@code false} means written now).
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
