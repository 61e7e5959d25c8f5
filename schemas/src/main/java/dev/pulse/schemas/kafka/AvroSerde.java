package dev.pulse.schemas.kafka;

import dev.pulse.schemas.compat.ReleasedSchemas;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Collection;
import java.util.Map;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaNormalization;
import org.apache.avro.message.BadHeaderException;
import org.apache.avro.message.BinaryMessageDecoder;
import org.apache.avro.message.BinaryMessageEncoder;
import org.apache.avro.message.MissingSchemaException;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Kafka serde for a generated Avro record using Avro single-object encoding: every value carries
 * the fingerprint of its writer schema, so a reader resolves data written by any released version
 * of the schema without a schema registry. Thread-safe; {@code null} maps to {@code null} (tombstones).
 */
public final class AvroSerde<T extends SpecificRecord> implements Serde<T>, Serializer<T>, Deserializer<T> {

    private final Class<T> type;
    private final BinaryMessageEncoder<T> encoder;
    private final BinaryMessageDecoder<T> decoder;

    /** A serde that also reads every released version of {@code type}'s schema and of the record it succeeds. */
    public static <T extends SpecificRecord> AvroSerde<T> of(Class<T> type) {
        return new AvroSerde<>(type, ReleasedSchemas.readableBy(type));
    }

    /** A serde that also reads the given older writer schemas of {@code type}. */
    public AvroSerde(Class<T> type, Collection<Schema> olderWriterSchemas) {
        this.type = type;
        SpecificData model = SpecificData.getForClass(type);
        Schema schema = model.getSchema(type);
        this.encoder = new BinaryMessageEncoder<>(model, schema);
        this.decoder = new BinaryMessageDecoder<>(model, schema);
        olderWriterSchemas.forEach(decoder::addSchema);
    }

    public Class<T> type() {
        return type;
    }

    @Override
    public byte[] serialize(String topic, T data) {
        if (data == null) {
            return null;
        }
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream(128);
            encoder.encode(data, out);
            return out.toByteArray();
        } catch (IOException | AvroRuntimeException | NullPointerException | ClassCastException e) {
            throw new SerializationException("Cannot encode " + type.getSimpleName() + " for topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    @Override
    public T deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        try {
            return decoder.decode(data);
        } catch (MissingSchemaException e) {
            throw new SerializationException("A " + type.getSimpleName() + " on topic " + topic
                    + " was written with a schema this reader does not know (" + e.getMessage()
                    + "); upgrade the schemas artifact of this reader", e);
        } catch (BadHeaderException e) {
            throw new SerializationException("A value on topic " + topic + " is not an Avro single-object encoded "
                    + type.getSimpleName() + ": " + e.getMessage(), e);
        } catch (IOException | AvroRuntimeException | IndexOutOfBoundsException e) {
            throw new SerializationException("Cannot decode a " + type.getSimpleName() + " on topic " + topic
                    + ": " + e.getMessage(), e);
        }
    }

    /** CRC-64-AVRO fingerprint of the schema this serde writes with. */
    public long writerFingerprint() {
        return SchemaNormalization.parsingFingerprint64(SpecificData.getForClass(type).getSchema(type));
    }

    @Override
    public Serializer<T> serializer() {
        return this;
    }

    @Override
    public Deserializer<T> deserializer() {
        return this;
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
        // Nothing to configure: the schema travels with the class and the released versions.
    }

    @Override
    public void close() {
        // Holds no resources.
    }
}
