package dev.pulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.SampleRecords;
import dev.pulse.schemas.SchemaCatalogue;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class AvroSerdeTest {

    /** A PostCounts writer from before the comments count existed. */
    private static final Schema POST_COUNTS_WITHOUT_COMMENTS = new Schema.Parser().parse("""
            {"type": "record", "name": "PostCounts", "namespace": "dev.pulse.schemas", "fields": [
              {"name": "postId", "type": "string"},
              {"name": "likes", "type": "long"},
              {"name": "updatedAt", "type": {"type": "long", "logicalType": "timestamp-millis"}}
            ]}""");

    static Stream<SpecificRecord> everyTopicRecord() {
        return SampleRecords.all().values().stream();
    }

    @Test
    void shouldHaveASampleForEveryTopicRecord() {
        assertThat(SampleRecords.all().keySet()).containsExactlyInAnyOrderElementsOf(SchemaCatalogue.topicRecords());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("everyTopicRecord")
    @SuppressWarnings({"unchecked", "rawtypes"})
    void shouldRoundTripEveryTopicRecord(SpecificRecord record) {
        AvroSerde serde = AvroSerde.of(record.getClass());

        byte[] bytes = serde.serialize("t", record);

        assertThat(serde.deserialize("t", bytes)).isEqualTo(record);
    }

    @Test
    void shouldWriteSingleObjectEncodingWithTheSchemaFingerprint() {
        AvroSerde<LikeEvent> serde = AvroSerde.of(LikeEvent.class);

        byte[] bytes = serde.serialize("t", SampleRecords.like());

        assertThat(bytes[0]).isEqualTo((byte) 0xC3);
        assertThat(bytes[1]).isEqualTo((byte) 0x01);
        long fingerprint = 0;
        for (int i = 9; i >= 2; i--) {
            fingerprint = (fingerprint << 8) | (bytes[i] & 0xFF);
        }
        assertThat(fingerprint).isEqualTo(serde.writerFingerprint());
    }

    @Test
    void shouldMapNullToNullForTombstones() {
        AvroSerde<LikeEvent> serde = AvroSerde.of(LikeEvent.class);

        assertThat(serde.serialize("t", null)).isNull();
        assertThat(serde.deserialize("t", null)).isNull();
    }

    @Test
    void shouldReadDataWrittenWithAnOlderRegisteredSchema() throws IOException {
        byte[] bytes = postCountsWithoutComments();
        AvroSerde<PostCounts> serde = new AvroSerde<>(PostCounts.class, List.of(POST_COUNTS_WITHOUT_COMMENTS));

        PostCounts read = serde.deserialize("counts.posts", bytes);

        assertThat(read.getLikes()).isEqualTo(5);
        assertThat(read.getComments()).isZero();
        assertThat(read.getUpdatedAt()).isEqualTo(Instant.ofEpochMilli(1_000));
    }

    @Test
    void shouldRejectAnUnknownWriterSchemaWithAClearReason() throws IOException {
        byte[] bytes = postCountsWithoutComments();

        assertThatThrownBy(() -> AvroSerde.of(PostCounts.class).deserialize("counts.posts", bytes))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("counts.posts")
                .hasMessageContaining("schema this reader does not know");
    }

    @Test
    void shouldRejectBytesThatAreNotSingleObjectEncoded() {
        assertThatThrownBy(() -> AvroSerde.of(LikeEvent.class).deserialize("events.likes", "{\"json\":1}".getBytes()))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("not an Avro single-object encoded LikeEvent");
    }

    @Test
    void shouldRejectARecordWithAMissingRequiredField() {
        LikeEvent incomplete = new LikeEvent(null, Instant.now(), "ana", LikeAction.LIKE, "p", null);

        assertThatThrownBy(() -> AvroSerde.of(LikeEvent.class).serialize("events.likes", incomplete))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("Cannot encode LikeEvent for topic events.likes");
    }

    /** A PostCounts{post-1, likes 5, updatedAt 1000 ms} as the older writer encoded it. */
    private static byte[] postCountsWithoutComments() throws IOException {
        GenericRecord old = new GenericData.Record(POST_COUNTS_WITHOUT_COMMENTS);
        old.put("postId", "post-1");
        old.put("likes", 5L);
        old.put("updatedAt", 1_000L);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new BinaryMessageEncoder<GenericRecord>(GenericData.get(), old.getSchema()).encode(old, out);
        return out.toByteArray();
    }
}
