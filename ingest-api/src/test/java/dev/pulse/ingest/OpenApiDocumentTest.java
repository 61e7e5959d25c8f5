package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The OpenAPI document describes every event type exactly as the Avro schemas (and so {@link AvroJson}) do. */
class OpenApiDocumentTest {

    private static final AvroJson JSON = EventJson.of(Topics.standard());

    static Stream<Schema> eventSchemas() {
        return Stream.of(EventFixtures.everyKind()).flatMap(List::stream).map(e -> e.getSchema()).distinct();
    }

    private static JsonNode document() throws IOException {
        try (InputStream in = OpenApiDocumentTest.class.getResourceAsStream("/openapi/" + IngestApiService.NAME + ".yaml")) {
            return new YAMLMapper().readTree(in);
        }
    }

    @Test
    void shouldOfferEveryEventTypeTheApiAccepts() throws IOException {
        List<String> documented = new ArrayList<>();
        document().path("components").path("schemas").path("Event").path("oneOf")
                .forEach(ref -> documented.add(ref.path("$ref").asText().replace("#/components/schemas/", "")));

        assertThat(documented).containsExactlyElementsOf(JSON.eventTypes());
    }

    @Test
    void shouldOfferOneInboxActionRoutePerKind() throws IOException {
        List<String> documented = new ArrayList<>();
        document().path("paths").properties().forEach(path -> {
            if (path.getKey().startsWith(InboxService.PATH + "/") && path.getValue().has("post")) {
                documented.add(path.getKey().substring(InboxService.PATH.length() + 1));
            }
        });

        assertThat(documented).containsExactlyElementsOf(Stream.of(InboxActionKind.values())
                .map(kind -> kind.name().toLowerCase(Locale.ROOT)).toList());
    }

    @Test
    void shouldDocumentTheIdempotencyKeyRepeatAndRateLimitOnEveryWriteRoute() throws IOException {
        List<String> writes = new ArrayList<>();
        List<String> guarded = new ArrayList<>();
        document().path("paths").properties().forEach(path -> path.getValue().properties().forEach(operation -> {
            if (List.of("post", "put", "delete").contains(operation.getKey()) && !path.getKey().startsWith(DevTokenService.PATH)) {
                String route = operation.getKey() + " " + path.getKey();
                writes.add(route);
                JsonNode responses = operation.getValue().path("responses");
                boolean keyed = operation.getValue().path("parameters").findValuesAsText("$ref")
                        .contains("#/components/parameters/IdempotencyKey");
                if (keyed && responses.has("200") && responses.has("422") && responses.has("429")) {
                    guarded.add(route);
                }
            }
        }));

        assertThat(writes).hasSize(InboxActionKind.values().length + 3);
        assertThat(guarded).containsExactlyElementsOf(writes);
    }

    @Test
    void shouldDocumentExactlyTheSettingsThePutTakes() throws IOException {
        List<String> documented = new ArrayList<>();
        document().path("paths").path(SettingsService.PATH + "/{userId}/settings").path("put").path("requestBody")
                .path("content").path("application/json").path("schema").path("properties").fieldNames()
                .forEachRemaining(documented::add);

        assertThat(documented).containsExactlyElementsOf(SettingsBody.SETTINGS);
    }

    @ParameterizedTest
    @MethodSource("eventSchemas")
    void shouldNameEveryFieldOfTheEvent(Schema schema) throws IOException {
        JsonNode documented = document().path("components").path("schemas").path(schema.getName());
        List<String> properties = new ArrayList<>();
        documented.path("properties").fieldNames().forEachRemaining(properties::add);

        List<String> expected = new ArrayList<>(List.of(AvroJson.TYPE));
        schema.getFields().forEach(field -> expected.add(field.name()));
        assertThat(properties).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("eventSchemas")
    void shouldRequireExactlyTheFieldsWithoutDefaultOrGeneratedValue(Schema schema) throws IOException {
        List<String> required = new ArrayList<>();
        document().path("components").path("schemas").path(schema.getName()).path("required")
                .forEach(name -> required.add(name.asText()));

        List<String> expected = new ArrayList<>(List.of(AvroJson.TYPE));
        schema.getFields().stream()
                .filter(field -> !field.hasDefaultValue() && !List.of("eventId", "occurredAt").contains(field.name()))
                .forEach(field -> expected.add(field.name()));
        assertThat(required).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @MethodSource("eventSchemas")
    void shouldListEveryEnumSymbol(Schema schema) throws IOException {
        JsonNode properties = document().path("components").path("schemas").path(schema.getName()).path("properties");
        for (Schema.Field field : schema.getFields()) {
            if (field.schema().getType() == Schema.Type.ENUM) {
                List<String> symbols = new ArrayList<>();
                properties.path(field.name()).path("enum").forEach(symbol -> symbols.add(symbol.asText()));
                assertThat(symbols).as(schema.getName() + "." + field.name())
                        .containsExactlyElementsOf(field.schema().getEnumSymbols());
            }
        }
    }
}
