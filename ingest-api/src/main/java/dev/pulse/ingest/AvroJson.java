package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.IndexedRecord;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * JSON for the generated Avro records, derived from their schemas alone, so the HTTP shape of an event
 * can never drift from its Avro shape and no second model is written by hand. A record is a JSON
 * object with the Avro field names; {@value #TYPE} names the record: the event's simple name
 * ({@code "LikeEvent"}) at the top, and the branch of a union of several records
 * ({@code {"type":"UpTo", ...}}). Other unions are the plain value or {@code null}; enums their symbols;
 * uuid strings; timestamp-millis ISO-8601 instants; arrays arrays. An absent field takes its schema
 * default, or a generated value ({@code eventId}: a new UUID), else it is missing.
 *
 * <p>{@link #read} reports every problem of a document at once, each with its JSON pointer: missing or
 * unknown fields, wrong JSON types, empty ids (fields named {@code ...Id}, items of {@code ...Ids}),
 * unknown types and enum symbols, malformed uuids and instants, strings over the size limits.
 * {@link #write} is its inverse. Thread-safe.
 */
public final class AvroJson {

    /** The member naming a record: the event type, or the branch of a union of records. */
    public static final String TYPE = "type";

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private final Map<String, Schema> events = new LinkedHashMap<>();
    private final Map<String, Supplier<JsonNode>> generated;
    private final Limits limits;

    /**
     * @param maxIdChars     longest id (a field named {@code ...Id}, an item of {@code ...Ids}), in characters
     * @param maxStringBytes longest other string, in UTF-8 bytes
     */
    public record Limits(int maxIdChars, int maxStringBytes) {
    }

    /** A document read as a record: the record when {@code errors} is empty, else null. */
    public record Decoded(SpecificRecord record, List<FieldError> errors) {

        public boolean valid() {
            return errors.isEmpty();
        }
    }

    /**
     * @param eventSchemas the records a document may name with {@value #TYPE}; generated classes
     * @param generated    values for absent fields by name, as JSON (e.g. {@code eventId} -> a new UUID)
     * @throws IllegalArgumentException if a schema cannot be written as JSON this way (bytes, fixed, or a
     *                                  field named {@value #TYPE} where the member names the record)
     */
    public AvroJson(List<Schema> eventSchemas, Map<String, Supplier<JsonNode>> generated, Limits limits) {
        Set<String> seen = new HashSet<>();
        for (Schema schema : eventSchemas) {
            requireNamedByType(schema);
            SchemaWalk.requireJsonable(schema, seen);
            events.put(schema.getName(), schema);
        }
        this.generated = Map.copyOf(generated);
        this.limits = limits;
    }

    /** The event types a document may name, in catalogue order. */
    public List<String> eventTypes() {
        return List.copyOf(events.keySet());
    }

    /** {@code json} as one event, or every problem it has; {@code path} is its JSON pointer in the body. */
    public Decoded read(JsonNode json, String path) {
        JsonReading reading = new JsonReading(limits, generated);
        SpecificRecord record = reading.event(json, path, events);
        return reading.errors().isEmpty() ? new Decoded(record, List.of()) : new Decoded(null, reading.errors());
    }

    /** {@code record} as the JSON {@link #read} accepts, {@value #TYPE} first. */
    public ObjectNode write(SpecificRecord record) {
        return writeRecord(record.getSchema(), record, true);
    }

    static void requireNamedByType(Schema record) {
        if (record.getType() != Schema.Type.RECORD || record.getField(TYPE) != null) {
            throw new IllegalArgumentException(record.getFullName() + " cannot be named by a '" + TYPE
                    + "' member: it is not a record, or has a field of that name");
        }
    }

    private ObjectNode writeRecord(Schema schema, IndexedRecord record, boolean named) {
        ObjectNode out = NODES.objectNode();
        if (named) {
            out.put(TYPE, schema.getName());
        }
        SpecificData model = SpecificData.getForSchema(schema);
        for (Schema.Field field : schema.getFields()) {
            out.set(field.name(), writeValue(field.schema(), record.get(field.pos()), model));
        }
        return out;
    }

    private JsonNode writeValue(Schema schema, Object value, SpecificData model) {
        return switch (schema.getType()) {
            case NULL -> NODES.nullNode();
            case UNION -> {
                Schema branch = schema.getTypes().get(model.resolveUnion(schema, value));
                yield branch.getType() == Schema.Type.RECORD
                        ? writeRecord(branch, (IndexedRecord) value, SchemaWalk.recordBranches(schema).size() > 1)
                        : writeValue(branch, value, model);
            }
            case RECORD -> writeRecord(schema, (IndexedRecord) value, false);
            case ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                ((Iterable<?>) value).forEach(item -> array.add(writeValue(schema.getElementType(), item, model)));
                yield array;
            }
            case MAP -> {
                ObjectNode map = NODES.objectNode();
                ((Map<?, ?>) value).forEach((k, v) -> map.set(k.toString(), writeValue(schema.getValueType(), v, model)));
                yield map;
            }
            default -> writePrimitive(schema, raw(schema, value, model));
        };
    }

    private static JsonNode writePrimitive(Schema schema, Object raw) {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return NODES.textNode(Instant.ofEpochMilli((Long) raw).toString());
        }
        return switch (schema.getType()) {
            case INT -> NODES.numberNode((Integer) raw);
            case LONG -> NODES.numberNode((Long) raw);
            case FLOAT -> NODES.numberNode((Float) raw);
            case DOUBLE -> NODES.numberNode((Double) raw);
            case BOOLEAN -> NODES.booleanNode((Boolean) raw);
            default -> NODES.textNode(raw.toString());
        };
    }

    /** {@code value} in its Avro base type: a generated class holds logical types converted (UUID, Instant). */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Object raw(Schema schema, Object value, SpecificData model) {
        Conversion conversion = schema.getLogicalType() == null ? null : model.getConversionFor(schema.getLogicalType());
        if (conversion == null || !conversion.getConvertedType().isInstance(value)) {
            return value;
        }
        return Conversions.convertToRawType(value, schema, schema.getLogicalType(), conversion);
    }
}
