package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.edge.protocol.ProtocolSchemas;
import dev.pulse.edge.protocol.ProtocolSchemas.Direction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.TargetKind;
import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * docs/PROTOCOL.md and the schemas of docs/protocol say the same: one schema for every frame type the page
 * names and no other, the page's examples (whole, none cut short) and every schema's own examples fit, and
 * the enums the schemas list are the Avro enums the frames are written from.
 */
class ProtocolDocsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern TABLE_TYPES = Pattern.compile("`([a-z_]+)`");

    @Test
    void shouldHaveASchemaForEveryServerFrameOfThePageAndNoOther() throws IOException {
        Set<String> named = new TreeSet<>();
        jsonExamples(section("## Server to client")).forEach(frame -> named.add(frame.get("type").asText()));

        assertThat(schemaTypes(Direction.SERVER)).isEqualTo(named);
    }

    @Test
    void shouldHaveASchemaForEveryClientFrameOfThePageAndNoOther() throws IOException {
        Set<String> named = new TreeSet<>();
        for (String line : section("## Client to server")) {
            if (line.startsWith("| `")) {
                Matcher type = TABLE_TYPES.matcher(line.substring(0, line.indexOf('|', 1)));
                while (type.find()) {
                    named.add(type.group(1));
                }
            }
        }

        assertThat(schemaTypes(Direction.CLIENT)).isEqualTo(named);
    }

    @Test
    void shouldAcceptEveryClientExampleOfThePage() throws IOException {
        List<JsonNode> examples = jsonExamples(section("## Client to server"));

        assertThat(examples).isNotEmpty();
        examples.forEach(ProtocolSchemas.clientFrames()::requireValid);
    }

    @Test
    void shouldAcceptEveryServerExampleOfThePage() throws IOException {
        List<JsonNode> examples = jsonExamples(section("## Server to client"));

        assertThat(examples).isNotEmpty();
        examples.forEach(ProtocolSchemas.serverFrames()::requireValid);
    }

    @Test
    void shouldShowEveryExampleOfThePageWhole() throws IOException {
        List<String> examples = new ArrayList<>();
        jsonExamples(resource("PROTOCOL.md").lines().toList()).forEach(frame -> examples.add(frame.toString()));

        assertThat(examples).isNotEmpty().allSatisfy(frame -> assertThat(frame).doesNotContain("…", "..."));
    }

    @Test
    void shouldAcceptEveryExampleOfEverySchema() throws IOException {
        for (Direction direction : Direction.values()) {
            ProtocolSchemas schemas = direction == Direction.SERVER ? ProtocolSchemas.serverFrames()
                    : ProtocolSchemas.clientFrames();
            for (String type : schemaTypes(direction)) {
                JsonNode examples = schema(direction, type).path("examples");
                assertThat(examples.isEmpty()).as("examples of %s", type).isFalse();
                examples.forEach(schemas::requireValid);
            }
        }
    }

    @Test
    void shouldListTheNotificationAndTargetKindsOfTheAvroEnums() throws IOException {
        JsonNode defs = common().get("$defs");

        assertThat(texts(defs.get("notificationType").get("enum")))
                .isEqualTo(names(NotificationType.values()));
        assertThat(texts(defs.get("targetKind").get("enum"))).isEqualTo(names(TargetKind.values()));
    }

    @Test
    void shouldListEveryInboxActionAsAnUpdateAndAsAClientFrame() throws IOException {
        Set<String> actions = names(InboxActionKind.values());
        actions.addAll(List.of("STATE", "WITHDRAW"));
        Set<String> clientTypes = new TreeSet<>();
        Arrays.stream(InboxActionKind.values()).forEach(k -> clientTypes.add(k.name().toLowerCase(Locale.ROOT)));

        assertThat(texts(schema(Direction.SERVER, "inbox_update").get("properties").get("action").get("enum")))
                .isEqualTo(actions);
        assertThat(schemaTypes(Direction.CLIENT)).containsAll(clientTypes);
    }

    private static List<String> section(String heading) throws IOException {
        List<String> lines = resource("PROTOCOL.md").lines().toList();
        int start = lines.indexOf(heading);
        assertThat(start).as("heading %s of docs/PROTOCOL.md", heading).isNotNegative();
        int end = start + 1;
        while (end < lines.size() && !lines.get(end).startsWith("## ")) {
            end++;
        }
        return lines.subList(start + 1, end);
    }

    /** The JSON values of the section's {@code json} blocks, one or more a block. */
    private static List<JsonNode> jsonExamples(List<String> section) throws IOException {
        List<JsonNode> examples = new ArrayList<>();
        StringBuilder block = null;
        for (String line : section) {
            if (line.equals("```json")) {
                block = new StringBuilder();
            } else if (line.equals("```") && block != null) {
                JSON.readerFor(JsonNode.class).<JsonNode>readValues(block.toString()).forEachRemaining(examples::add);
                block = null;
            } else if (block != null) {
                block.append(line).append('\n');
            }
        }
        return examples;
    }

    private static Set<String> schemaTypes(Direction direction) throws IOException {
        Path dir;
        try {
            dir = Path.of(ProtocolDocsTest.class.getClassLoader().getResource(ProtocolSchemas.folder(direction))
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
        try (Stream<Path> files = Files.list(dir)) {
            Set<String> types = new TreeSet<>();
            files.map(f -> f.getFileName().toString()).forEach(name -> {
                assertThat(name).as("a file of docs/protocol").endsWith(".schema.json");
                types.add(name.substring(0, name.length() - ".schema.json".length()));
            });
            return types;
        }
    }

    private static JsonNode schema(Direction direction, String type) throws IOException {
        return JSON.readTree(resource(ProtocolSchemas.resource(direction, type)));
    }

    private static JsonNode common() throws IOException {
        return JSON.readTree(resource("protocol/common.schema.json"));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = ProtocolDocsTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as("test resource %s (from docs/)", name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(value -> texts.add(value.asText()));
        return texts;
    }

    private static Set<String> names(Enum<?>[] values) {
        Set<String> names = new TreeSet<>();
        Arrays.stream(values).forEach(v -> names.add(v.name()));
        return names;
    }
}
