package dev.pulse.processor.bench;

import dev.pulse.processor.state.ActorShare;
import dev.pulse.processor.state.Contribution;
import dev.pulse.processor.state.InboxRef;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.processor.topology.InternalSerdes;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.kafka.AvroSerde;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * How much the small per-user inbox stores hold, per store and per user, read through interactive
 * queries at the end of a run: entries, their serialized bytes, and what they would take on the heap in
 * Kafka Streams' in-memory store (a {@code TreeMap<Bytes, byte[]>}: per entry a 40 B tree node, a 24 B
 * {@code Bytes}, and key and value arrays of 16 B plus their length rounded up to 8 B; compressed
 * pointers, no record cache). Keys start with the user id and a NUL, so users are counted per store.
 */
final class StoreFootprint {

    /** The inbox stores, the small per-user ones first, with their value serializers. */
    static final Map<String, Serializer<?>> INBOX_STORES = inboxStores();

    /** inbox-users, inbox-open-groups and inbox-refs: one to a few hundred small entries per user. */
    private static final int SMALL_STORES = 3;

    private final Map<String, Usage> usages;

    private StoreFootprint(Map<String, Usage> usages) {
        this.usages = usages;
    }

    /**
     * @param entries    keys in the store
     * @param users      distinct users among the keys
     * @param bytes      serialized keys and values
     * @param heap       estimated heap in an in-memory store
     * @param maxPerUser the largest heap estimate of one user
     */
    record Usage(long entries, long users, long bytes, long heap, long maxPerUser) {
    }

    private static Map<String, Serializer<?>> inboxStores() {
        Map<String, Serializer<?>> stores = new LinkedHashMap<>();
        stores.put(StoreNames.INBOX_USERS, InternalSerdes.avro(InboxUser.class).serializer());
        stores.put(StoreNames.INBOX_OPEN_GROUPS, Serdes.String().serializer());
        stores.put(StoreNames.INBOX_REFS, InternalSerdes.avro(InboxRef.class).serializer());
        stores.put(StoreNames.INBOX_ENTRIES, AvroSerde.of(InboxNotification.class).serializer());
        stores.put(StoreNames.INBOX_CONTRIBUTIONS, InternalSerdes.avro(Contribution.class).serializer());
        stores.put(StoreNames.INBOX_ACTORS, InternalSerdes.avro(ActorShare.class).serializer());
        return stores;
    }

    static StoreFootprint of(KafkaStreams streams, Map<String, Serializer<?>> stores) {
        Map<String, Usage> usages = new LinkedHashMap<>();
        stores.forEach((name, serializer) -> usages.put(name, usage(streams, name, serializer)));
        return new StoreFootprint(usages);
    }

    @SuppressWarnings("unchecked")
    private static Usage usage(KafkaStreams streams, String name, Serializer<?> serializer) {
        ReadOnlyKeyValueStore<String, Object> store = streams.store(
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore()));
        Serializer<Object> values = (Serializer<Object>) serializer;
        Map<String, Long> perUser = new LinkedHashMap<>();
        long entries = 0;
        long bytes = 0;
        try (KeyValueIterator<String, Object> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, Object> kv = it.next();
                int key = kv.key.getBytes(StandardCharsets.UTF_8).length;
                int value = values.serialize(name, kv.value).length;
                entries++;
                bytes += key + value;
                perUser.merge(userOf(kv.key), heap(key, value), Long::sum);
            }
        }
        long heap = perUser.values().stream().mapToLong(Long::longValue).sum();
        long max = perUser.values().stream().mapToLong(Long::longValue).max().orElse(0);
        return new Usage(entries, perUser.size(), bytes, heap, max);
    }

    private static String userOf(String key) {
        int nul = key.indexOf('\u0000');
        return nul < 0 ? key : key.substring(0, nul);
    }

    private static long heap(int keyBytes, int valueBytes) {
        return 40 + 24 + align(16 + keyBytes) + align(16 + valueBytes);
    }

    private static long align(long n) {
        return (n + 7) & ~7L;
    }

    /** One line per store and one for all of them, each prefixed by {@code prefix}. */
    String describe(String prefix) {
        StringBuilder out = new StringBuilder();
        long heap = 0;
        long users = 0;
        int stores = 0;
        for (Map.Entry<String, Usage> e : usages.entrySet()) {
            Usage u = e.getValue();
            heap += u.heap();
            users = Math.max(users, u.users());
            out.append(("%sstore %s: %,d entries of %,d users, %,d B serialized (%.0f B/entry); in memory ~%,d KiB,"
                    + " %.0f B per user on average, %,d B the largest user%n").formatted(prefix, e.getKey(), u.entries(),
                    u.users(), u.bytes(), u.entries() == 0 ? 0.0 : (double) u.bytes() / u.entries(), u.heap() >> 10,
                    u.users() == 0 ? 0.0 : (double) u.heap() / u.users(), u.maxPerUser()));
            if (++stores == SMALL_STORES) {
                out.append(total(prefix, stores, heap, users));
            }
        }
        out.append(total(prefix, stores, heap, users));
        return out.toString();
    }

    private static String total(String prefix, int stores, long heap, long users) {
        return "%sthe first %d stores in memory: ~%,d KiB, %.0f B per user with an inbox (%,d users)%n".formatted(prefix,
                stores, heap >> 10, users == 0 ? 0.0 : (double) heap / users, users);
    }
}
