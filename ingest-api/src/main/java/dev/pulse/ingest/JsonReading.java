package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.avro.Conversion;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;

/**
 * One document being read by {@link AvroJson}: walks the JSON along the schema, building the generated
 * record and collecting every problem instead of stopping at the first. Not thread-safe; one per document.
 */
final class JsonReading {

    private final AvroJson.Limits limits;
    private final Map<String, Supplier<JsonNode>> generated;
    private final List<FieldError> errors = new ArrayList<>();

    JsonReading(AvroJson.Limits limits, Map<String, Supplier<JsonNode>> generated) {
        this.limits = limits;
        this.generated = generated;
    }

    List<FieldError> errors() {
        return List.copyOf(errors);
    }

    /** The record named by {@code json}'s type member among {@code events}. */
    SpecificRecord event(JsonNode json, String path, Map<String, Schema> events) {
        if (!json.isObject()) {
            return fail(path, "must be an event object with a '" + AvroJson.TYPE + "', was " + kind(json));
        }
        Schema schema = named(json, path, events, "one of " + events.keySet());
        return schema == null ? null : record(schema, json, path, true);
    }

    private Schema named(JsonNode json, String path, Map<String, Schema> choices, String expected) {
        JsonNode type = json.get(AvroJson.TYPE);
        String at = path + "/" + AvroJson.TYPE;
        if (type == null || !type.isTextual()) {
            return fail(at, "required: " + expected);
        }
        Schema schema = choices.get(type.textValue());
        return schema != null ? schema : fail(at, "unknown type '" + type.textValue() + "'; expected " + expected);
    }

    private SpecificRecord record(Schema schema, JsonNode json, String path, boolean named) {
        SpecificData model = SpecificData.getForSchema(schema);
        SpecificRecord record = (SpecificRecord) model.newRecord(null, schema);
        unknownMembers(schema, json, path, named);
        for (Schema.Field field : schema.getFields()) {
            String at = path + "/" + field.name();
            JsonNode value = json.has(field.name()) ? json.get(field.name())
                    : generated.containsKey(field.name()) ? generated.get(field.name()).get() : null;
            if (value != null) {
                record.put(field.pos(), value(field.schema(), value, at, field.name(), model));
            } else if (field.hasDefaultValue()) {
                record.put(field.pos(), model.deepCopy(field.schema(), model.getDefaultValue(field)));
            } else {
                fail(at, "required");
            }
        }
        return record;
    }

    private void unknownMembers(Schema schema, JsonNode json, String path, boolean named) {
        for (Iterator<String> names = json.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (schema.getField(name) == null && !(named && name.equals(AvroJson.TYPE))) {
                fail(path + "/" + FieldError.token(name), "not a field of " + schema.getName() + "; its fields are "
                        + schema.getFields().stream().map(Schema.Field::name).toList());
            }
        }
    }

    private Object value(Schema schema, JsonNode json, String path, String name, SpecificData model) {
        return switch (schema.getType()) {
            case UNION -> union(schema, json, path, name, model);
            case RECORD -> json.isObject() ? record(schema, json, path, false) : wrong(path, "an object", json);
            case ARRAY -> array(schema, json, path, name, model);
            case MAP -> map(schema, json, path, name, model);
            case ENUM -> symbol(schema, json, path, model);
            case NULL -> json.isNull() ? null : wrong(path, "null", json);
            default -> converted(schema, primitive(schema, json, path, name), path, model);
        };
    }

    private Object union(Schema union, JsonNode json, String path, String name, SpecificData model) {
        if (json.isNull()) {
            return union.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL) ? null
                    : fail(path, "must not be null");
        }
        List<Schema> records = SchemaWalk.recordBranches(union);
        if (json.isObject() && !records.isEmpty()) {
            Map<String, Schema> byName = new LinkedHashMap<>();
            records.forEach(record -> byName.put(record.getName(), record));
            if (records.size() == 1 && !json.has(AvroJson.TYPE)) {
                return record(records.getFirst(), json, path, true);
            }
            Schema branch = named(json, path, byName, "one of " + byName.keySet());
            return branch == null ? null : record(branch, json, path, true);
        }
        List<Schema> others = union.getTypes().stream()
                .filter(t -> t.getType() != Schema.Type.NULL && t.getType() != Schema.Type.RECORD).toList();
        Schema branch = others.stream().filter(t -> fits(t, json)).findFirst()
                .orElse(others.size() == 1 ? others.getFirst() : null);
        return branch == null ? wrong(path, "one of " + union.getTypes(), json) : value(branch, json, path, name, model);
    }

    private static boolean fits(Schema schema, JsonNode json) {
        return switch (schema.getType()) {
            case STRING, ENUM -> json.isTextual();
            case INT, LONG -> json.isIntegralNumber() || (json.isTextual() && schema.getLogicalType() != null);
            case FLOAT, DOUBLE -> json.isNumber();
            case BOOLEAN -> json.isBoolean();
            case ARRAY -> json.isArray();
            case MAP -> json.isObject();
            default -> false;
        };
    }

    private Object array(Schema schema, JsonNode json, String path, String name, SpecificData model) {
        if (!json.isArray()) {
            return wrong(path, "an array", json);
        }
        String itemName = name.endsWith("Ids") ? name.substring(0, name.length() - 1) : "";
        List<Object> items = new ArrayList<>(json.size());
        for (int i = 0; i < json.size(); i++) {
            items.add(value(schema.getElementType(), json.get(i), path + "/" + i, itemName, model));
        }
        return items;
    }

    private Object map(Schema schema, JsonNode json, String path, String name, SpecificData model) {
        if (!json.isObject()) {
            return wrong(path, "an object", json);
        }
        Map<String, Object> map = new LinkedHashMap<>();
        json.properties().forEach(entry -> map.put(entry.getKey(),
                value(schema.getValueType(), entry.getValue(), path + "/" + FieldError.token(entry.getKey()), "", model)));
        return map;
    }

    private Object symbol(Schema schema, JsonNode json, String path, SpecificData model) {
        if (!json.isTextual()) {
            return wrong(path, "a string, one of " + schema.getEnumSymbols(), json);
        }
        if (!schema.hasEnumSymbol(json.textValue())) {
            return fail(path, "unknown symbol '" + json.textValue() + "'; expected one of " + schema.getEnumSymbols());
        }
        return model.createEnum(json.textValue(), schema);
    }

    /** The JSON value in the Avro base type of {@code schema}, or null after reporting why not. */
    private Object primitive(Schema schema, JsonNode json, String path, String name) {
        if (schema.getLogicalType() instanceof LogicalTypes.TimestampMillis) {
            return instant(json, path);
        }
        return switch (schema.getType()) {
            case STRING -> json.isTextual() ? text(json.textValue(), path, name) : wrong(path, "a string", json);
            case INT -> json.isIntegralNumber() && json.canConvertToInt() ? json.intValue()
                    : wrong(path, "a whole number from " + Integer.MIN_VALUE + " to " + Integer.MAX_VALUE, json);
            case LONG -> json.isIntegralNumber() && json.canConvertToLong() ? json.longValue()
                    : wrong(path, "a whole number from " + Long.MIN_VALUE + " to " + Long.MAX_VALUE, json);
            case DOUBLE -> json.isNumber() ? json.doubleValue() : wrong(path, "a number", json);
            case FLOAT -> json.isNumber() ? json.floatValue() : wrong(path, "a number", json);
            case BOOLEAN -> json.isBoolean() ? json.booleanValue() : wrong(path, "true or false", json);
            default -> fail(path, "has no JSON form (" + schema.getType() + ")");
        };
    }

    private Object instant(JsonNode json, String path) {
        if (!json.isTextual()) {
            return wrong(path, "an ISO-8601 instant such as \"2026-01-31T12:00:00Z\"", json);
        }
        try {
            return Instant.parse(json.textValue()).toEpochMilli();
        } catch (DateTimeParseException | ArithmeticException e) {
            return fail(path, "'" + json.textValue() + "' is not an ISO-8601 instant such as \"2026-01-31T12:00:00Z\"");
        }
    }

    private String text(String text, String path, String name) {
        if (name.endsWith("Id")) {
            if (text.isBlank()) {
                return fail(path, "must not be empty");
            }
            if (text.length() > limits.maxIdChars()) {
                return fail(path, "is longer than " + limits.maxIdChars() + " characters");
            }
        } else if (text.length() > limits.maxStringBytes() / 3
                && text.getBytes(StandardCharsets.UTF_8).length > limits.maxStringBytes()) {
            return fail(path, "is longer than " + limits.maxStringBytes() + " bytes (UTF-8)");
        }
        return text;
    }

    /** {@code raw} as the generated class holds it (UUID, Instant), when the model converts its logical type. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private Object converted(Schema schema, Object raw, String path, SpecificData model) {
        Conversion conversion = schema.getLogicalType() == null ? null : model.getConversionFor(schema.getLogicalType());
        if (raw == null || conversion == null) {
            return raw;
        }
        String name = schema.getLogicalType().getName();
        try {
            Object value = Conversions.convertToLogicalType(raw, schema, schema.getLogicalType(), conversion);
            Object back = Conversions.convertToRawType(value, schema, schema.getLogicalType(), conversion);
            return back.toString().equalsIgnoreCase(raw.toString()) ? value
                    : fail(path, "'" + raw + "' is not a canonical " + name);
        } catch (RuntimeException e) {
            return fail(path, "'" + raw + "' is not a valid " + name);
        }
    }

    private <T> T wrong(String path, String expected, JsonNode json) {
        return fail(path, "must be " + expected + ", was " + kind(json));
    }

    private static String kind(JsonNode json) {
        String kind = json.getNodeType().name().toLowerCase(Locale.ROOT);
        return json.isNull() ? "null" : (kind.startsWith("a") || kind.startsWith("o") ? "an " : "a ") + kind;
    }

    private <T> T fail(String path, String message) {
        errors.add(new FieldError(path, message));
        return null;
    }
}
