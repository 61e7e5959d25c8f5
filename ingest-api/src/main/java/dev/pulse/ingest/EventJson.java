package dev.pulse.ingest;

import com.fasterxml.jackson.databind.node.TextNode;
import dev.pulse.schemas.kafka.AvroSerde;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;

/**
 * The JSON form of the events producers post over HTTP: {@link AvroJson} over every record the catalogue
 * lets producers publish that is an event ({@link #EVENT_FIELDS}); signals are the edge's, from its
 * sockets. An absent {@code eventId} is a new UUID (an {@code Idempotency-Key} fills in a derived one
 * first: {@link IdempotencyKey}), an absent {@code occurredAt} now.
 */
final class EventJson {

    /** Longest id accepted, in characters. */
    static final int MAX_ID_CHARS = 256;
    /** Longest other string accepted, in UTF-8 bytes. */
    static final int MAX_STRING_BYTES = 65_536;
    /** The fields every event type has: what makes a published record an event. */
    static final List<String> EVENT_FIELDS = List.of("eventId", "occurredAt", "actorId");

    private EventJson() {
    }

    static AvroJson of(Topics topics) {
        List<Schema> schemas = topics.published().stream()
                .map(topic -> ((AvroSerde<?>) topic.valueSerde()).type())
                .map(type -> SpecificData.getForClass(type).getSchema(type))
                .filter(schema -> EVENT_FIELDS.stream().allMatch(name -> schema.getField(name) != null))
                .toList();
        return new AvroJson(schemas, Map.of(
                "eventId", () -> TextNode.valueOf(UUID.randomUUID().toString()),
                "occurredAt", () -> TextNode.valueOf(Instant.now().toString())),
                new AvroJson.Limits(MAX_ID_CHARS, MAX_STRING_BYTES));
    }
}
