package dev.pulse.processor.topology;

import dev.pulse.schemas.kafka.AvroSerde;
import org.apache.avro.specific.SpecificRecord;

/** Serdes of this application's internal records (repartition topics and stores). */
public final class InternalSerdes {

    private InternalSerdes() {
    }

    /**
     * Avro single-object encoding, like the public topics, reading every released version of {@code type}
     * ({@code dev/pulse/processor/state/released/}): an upgraded instance reads the state and repartition
     * records an older one wrote. {@code InternalSchemasTest} keeps each change compatible and released.
     */
    public static <T extends SpecificRecord> AvroSerde<T> avro(Class<T> type) {
        return AvroSerde.of(type);
    }
}
