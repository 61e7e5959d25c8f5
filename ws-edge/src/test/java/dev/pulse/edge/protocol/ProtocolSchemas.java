package dev.pulse.edge.protocol;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The JSON Schemas of the {@code /ws} protocol, one per message type and direction (docs/protocol, on the
 * test classpath as {@code protocol/}), for tests: a frame is checked against the schema its {@code type}
 * names, so every frame a test builds or receives is held to the documented protocol. A frame of a type
 * without a schema fails, as does one that is not a JSON object. Formats ({@code date-time}, {@code uuid})
 * are asserted, not only annotated.
 */
public final class ProtocolSchemas {

    /** Who sends a frame: the folder of docs/protocol its schemas are in. */
    public enum Direction {
        SERVER, CLIENT;

        String folder() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TYPE = Pattern.compile("[a-z][a-z_]{0,39}");

    private final Direction direction;
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
            builder -> builder.schemaRegistryConfig(
                    SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
    private final Map<String, Optional<Schema>> byType = new ConcurrentHashMap<>();

    private ProtocolSchemas(Direction direction) {
        this.direction = direction;
    }

    /** The schemas of the frames the server sends. */
    public static ProtocolSchemas serverFrames() {
        return new ProtocolSchemas(Direction.SERVER);
    }

    /** The schemas of the frames a client sends. */
    public static ProtocolSchemas clientFrames() {
        return new ProtocolSchemas(Direction.CLIENT);
    }

    /** The classpath folder of a direction's schemas, e.g. {@code protocol/server}. */
    public static String folder(Direction direction) {
        return "protocol/" + direction.folder();
    }

    /** The classpath resource of a type's schema, e.g. {@code protocol/server/hello.schema.json}. */
    public static String resource(Direction direction, String type) {
        return folder(direction) + "/" + type + ".schema.json";
    }

    /** What is wrong with the frame {@code text}; empty when it fits the schema of its type. */
    public List<String> violations(String text) {
        try {
            return violations(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return List.of("not JSON: " + e.getOriginalMessage());
        }
    }

    /** What is wrong with {@code frame}; empty when it fits the schema of its type. */
    public List<String> violations(JsonNode frame) {
        if (frame == null || !frame.isObject()) {
            return List.of("a frame is a JSON object");
        }
        JsonNode type = frame.get("type");
        if (type == null || !type.isTextual()) {
            return List.of("/type: missing or not a string");
        }
        Optional<Schema> schema = schema(type.asText());
        if (schema.isEmpty()) {
            return List.of("/type: '" + type.asText() + "' is no " + direction.folder()
                    + " frame type of docs/protocol");
        }
        return schema.get().validate(frame).stream().map(Object::toString).toList();
    }

    /** Fails, naming every violation and the frame, unless {@code text} fits the schema of its type. */
    public void requireValid(String text) {
        List<String> violations = violations(text);
        if (!violations.isEmpty()) {
            throw new AssertionError(direction.folder() + " frame " + text + " breaks docs/protocol: " + violations);
        }
    }

    /** Fails, naming every violation and the frame, unless {@code frame} fits the schema of its type. */
    public void requireValid(JsonNode frame) {
        List<String> violations = violations(frame);
        if (!violations.isEmpty()) {
            throw new AssertionError(direction.folder() + " frame " + frame + " breaks docs/protocol: " + violations);
        }
    }

    private Optional<Schema> schema(String type) {
        if (!TYPE.matcher(type).matches()) {
            return Optional.empty();
        }
        return byType.computeIfAbsent(type, t -> {
            String resource = resource(direction, t);
            if (ProtocolSchemas.class.getClassLoader().getResource(resource) == null) {
                return Optional.empty();
            }
            return Optional.of(registry.getSchema(SchemaLocation.of("classpath:" + resource)));
        });
    }
}
