package dev.pulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.state.RequestKind;
import dev.pulse.schemas.compat.CompatibilityGate;
import dev.pulse.schemas.compat.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The compatibility gate for the processor's internal records (stores and repartition topics): each
 * schema is released, its released versions and the current one read each other's data, and the current
 * one is the newest released. So an upgraded instance restores the state an older one wrote.
 */
class InternalSchemasTest {

    private static final Path SCHEMAS = Path.of("src/main/avro");

    static Stream<String> internalRecords() throws IOException {
        try (Stream<Path> files = Files.list(SCHEMAS)) {
            return files.map(file -> file.getFileName().toString()).filter(name -> name.endsWith(".avsc"))
                    .map(name -> name.substring(0, name.length() - ".avsc".length())).sorted().toList().stream();
        }
    }

    @ParameterizedTest
    @MethodSource("internalRecords")
    void shouldBeReleasedAndCompatibleWithEveryReleasedVersion(String name) throws Exception {
        Class<? extends SpecificRecord> type = Class.forName("dev.pulse.processor.state." + name)
                .asSubclass(SpecificRecord.class);
        Schema current = SpecificData.getForClass(type).getSchema(type);
        List<Schema> released = ReleasedSchemas.of(type);

        assertThat(released).as("%s has no released version: copy %s to src/main/resources/%s%s/v1.avsc", name,
                SCHEMAS.resolve(name + ".avsc"), ReleasedSchemas.root(type.getPackageName()), name).isNotEmpty();
        assertThat(CompatibilityGate.problems(current, released)).as(name).isEmpty();
        assertThat(SchemaNormalization.parsingFingerprint64(released.getLast()))
                .as("%s changed since v%d: release it as v%d", name, released.size(), released.size() + 1)
                .isEqualTo(SchemaNormalization.parsingFingerprint64(current));
    }

    @Test
    void shouldReadARequestThatAnInstanceBeforeTheWholeMessageTextWrote() throws IOException {
        Schema before = ReleasedSchemas.of(NotificationRequest.class).getFirst();
        GenericRecord old = new GenericData.Record(before);
        before.getFields().forEach(field -> old.put(field.name(), switch (field.name()) {
            case "kind" -> new GenericData.EnumSymbol(before.getField("kind").schema(), RequestKind.CONTRIBUTE.name());
            case "preview" -> "hi";
            case "sourceEventId" -> UUID.randomUUID().toString();
            case "occurredAt" -> Instant.parse("2026-11-30T12:00:00Z").toEpochMilli();
            default -> field.name() + "-value";
        }));
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), before).encode(old, bytes);

        NotificationRequest read = InternalSerdes.avro(NotificationRequest.class)
                .deserialize("message-notification-requests", bytes.toByteArray());

        assertThat(read.getRecipientId()).isEqualTo("recipientId-value");
        assertThat(read.getPreview()).isEqualTo("hi");
        assertThat(read.getText()).isNull();
    }
}
