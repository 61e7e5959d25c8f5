package dev.pulse.processor.topology;

import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

/**
 * Drops records whose event id was already seen within the retention window (a producer retry, a
 * replayed batch). The window store keeps ids by record time and forgets them after the retention.
 */
public final class Dedup {

    private Dedup() {
    }

    /** {@code stream} without repeats of the same event id; registers the store {@code storeName}. */
    public static <V> KStream<String, V> distinct(StreamsBuilder builder, KStream<String, V> stream,
                                                  Function<V, String> eventId, String storeName, Duration retention) {
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(storeName, retention, retention, false),
                Serdes.String(), Serdes.Long()));
        return stream.processValues(() -> new DedupProcessor<>(eventId, storeName, retention),
                Named.as(storeName + "-processor"), storeName);
    }

    private static final class DedupProcessor<V> implements FixedKeyProcessor<String, V, V> {

        private final Function<V, String> eventId;
        private final String storeName;
        private final Duration retention;
        private FixedKeyProcessorContext<String, V> context;
        private WindowStore<String, Long> seen;

        DedupProcessor(Function<V, String> eventId, String storeName, Duration retention) {
            this.eventId = eventId;
            this.storeName = storeName;
            this.retention = retention;
        }

        @Override
        public void init(FixedKeyProcessorContext<String, V> context) {
            this.context = context;
            this.seen = context.getStateStore(storeName);
        }

        @Override
        public void process(FixedKeyRecord<String, V> record) {
            if (record.value() == null) {
                return;
            }
            String id = eventId.apply(record.value());
            long time = record.timestamp();
            // The long overload: the Instant one formats a validation message on every call.
            try (WindowStoreIterator<Long> earlier = seen.fetch(id, Math.max(0, time - retention.toMillis()),
                    time + retention.toMillis())) {
                if (earlier.hasNext()) {
                    return;
                }
            }
            seen.put(id, time, time);
            context.forward(record);
        }
    }
}
