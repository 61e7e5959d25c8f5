package dev.pulse.processor.topology;

import dev.pulse.processor.state.Membership;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.state.Stores;

/** Turns a stream of in/out events into the stream of membership flips, with its store. */
final class Memberships {

    private Memberships() {
    }

    static <V> KStream<String, Flip<V>> flips(StreamsBuilder builder, KStream<String, V> events,
                                              MembershipRule<V> rule, String storeName) {
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(storeName),
                Serdes.String(), InternalSerdes.avro(Membership.class)));
        return events.processValues(() -> new MembershipProcessor<>(rule, storeName),
                Named.as(storeName + "-processor"), storeName);
    }

    /** A store key made of parts that cannot contain NUL: ids of posts, users, comments. */
    static String key(String... parts) {
        return String.join("\u0000", parts);
    }
}
