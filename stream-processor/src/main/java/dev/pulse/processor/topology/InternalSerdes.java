package dev.pulse.processor.topology;

import dev.pulse.schemas.kafka.AvroSerde;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Serdes of this application's internal records (repartition topics and stores). */
public final class InternalSerdes {

    private InternalSerdes() {
    }

    /** Avro single-object encoding, like the public topics; internal records have no released versions yet. */
    public static <T extends SpecificRecord> AvroSerde<T> avro(Class<T> type) {
        return new AvroSerde<>(type, List.of());
    }
}
