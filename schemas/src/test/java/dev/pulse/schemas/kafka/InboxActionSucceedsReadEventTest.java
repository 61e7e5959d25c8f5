package dev.pulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import dev.pulse.schemas.compat.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.junit.jupiter.api.Test;

/** Records written as ReadEvent v1 before InboxAction replaced it on events.reads stay readable, as READ actions. */
class InboxActionSucceedsReadEventTest {

    private static final Schema READ_EVENT_V1 = ReleasedSchemas.of("ReadEvent").getFirst();
    private static final AvroSerde<InboxAction> SERDE = AvroSerde.of(InboxAction.class);

    @Test
    void shouldReadAReadUpToAsAReadUpToTheSameSeq() throws IOException {
        InboxAction action = decode(scope("ReadUpTo", "upToSeq", 7L));

        assertThat(action.getAction()).isEqualTo(InboxActionKind.READ);
        assertThat(action.getActorId()).isEqualTo("bob");
        assertThat(action.getScope()).isInstanceOfSatisfying(UpTo.class, upTo -> {
            assertThat(upTo.getUpToSeq()).isEqualTo(7L);
            assertThat(upTo.getPosition()).isNull();
        });
    }

    @Test
    void shouldReadAReadSeqsAsListedSeqsWithoutIds() throws IOException {
        InboxAction action = decode(scope("ReadSeqs", "seqs", List.of(3L, 5L)));

        assertThat(action.getScope()).isInstanceOfSatisfying(Listed.class, listed -> {
            assertThat(listed.getSeqs()).containsExactly(3L, 5L);
            assertThat(listed.getNotificationIds()).isEmpty();
        });
    }

    @Test
    void shouldReadAReadAllAsTheWholeInbox() throws IOException {
        InboxAction action = decode(scope("ReadAll", null, null));

        assertThat(action.getAction()).isEqualTo(InboxActionKind.READ);
        assertThat(action.getScope()).isInstanceOf(WholeInbox.class);
    }

    private static GenericRecord scope(String branch, String field, Object value) {
        Schema union = READ_EVENT_V1.getField("scope").schema();
        GenericRecord scope = new GenericData.Record(union.getTypes().stream()
                .filter(s -> s.getName().equals(branch)).findFirst().orElseThrow());
        if (field != null) {
            scope.put(field, value);
        }
        return scope;
    }

    private static InboxAction decode(GenericRecord scope) throws IOException {
        GenericRecord read = new GenericData.Record(READ_EVENT_V1);
        read.put("eventId", UUID.randomUUID().toString());
        read.put("occurredAt", Instant.parse("2026-11-01T10:00:00Z").toEpochMilli());
        read.put("actorId", "bob");
        read.put("scope", scope);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), READ_EVENT_V1).encode(read, out);
        return SERDE.deserialize("events.reads", out.toByteArray());
    }
}
