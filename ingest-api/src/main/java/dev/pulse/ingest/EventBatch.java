package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionScopes;
import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;

/**
 * The body of {@code POST /v1/events} as records: one event object, or {@code {"events": [...]}} with 1 to
 * the maximum number of events. Every event is read before any is accepted; if one is invalid the whole
 * batch is refused with a 400 {@value #INVALID} problem whose {@code errors} member lists every problem
 * as {@code {index, field, message}} ({@code field} a JSON pointer into the body). An inbox action whose
 * scope does not fit its kind is invalid too ({@link InboxActionScopes}): the processor would ignore it.
 */
final class EventBatch {

    /** Problem code of a body with invalid events. */
    static final String INVALID = "invalid-events";
    static final String EVENTS = "events";

    private EventBatch() {
    }

    static List<SpecificRecord> read(JsonNode body, AvroJson json, int maxEvents) {
        if (!body.isObject()) {
            throw ProblemException.badRequest("send one event object, or {\"events\": [...]} with up to " + maxEvents);
        }
        boolean batch = body.has(EVENTS);
        List<JsonNode> events = batch ? batchEvents(body, maxEvents) : List.of(body);
        List<SpecificRecord> records = new ArrayList<>(events.size());
        List<Map<String, Object>> errors = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            String at = batch ? "/" + EVENTS + "/" + i : "";
            AvroJson.Decoded decoded = json.read(events.get(i), at);
            records.add(decoded.record());
            for (FieldError error : decoded.errors()) {
                errors.add(error(i, error));
            }
            if (decoded.errors().isEmpty() && decoded.record() instanceof InboxAction action) {
                int index = i;
                InboxActionScopes.problem(action)
                        .ifPresent(p -> errors.add(error(index, new FieldError(at + "/scope", p))));
            }
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(e -> e.get("index")).distinct().count();
            throw new ProblemException(Status.BAD_REQUEST_400, INVALID, bad + " of " + events.size()
                    + " event(s) are invalid; nothing was written").withExtensions(Map.of("errors", errors));
        }
        return records;
    }

    private static List<JsonNode> batchEvents(JsonNode body, int maxEvents) {
        for (Iterator<String> names = body.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!name.equals(EVENTS)) {
                throw ProblemException.badRequest("a batch has only the member '" + EVENTS + "', not '" + name + "'");
            }
        }
        JsonNode events = body.get(EVENTS);
        if (!events.isArray() || events.isEmpty() || events.size() > maxEvents) {
            throw ProblemException.badRequest("'" + EVENTS + "' must be an array of 1 to " + maxEvents + " events");
        }
        List<JsonNode> list = new ArrayList<>(events.size());
        events.forEach(list::add);
        return list;
    }

    private static Map<String, Object> error(int index, FieldError error) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        entry.put("field", error.field());
        entry.put("message", error.message());
        return entry;
    }
}
