package dev.pulse.processor.query;

import dev.pulse.processor.topology.StoreNames;
import dev.pulse.processor.trending.TrendingStores;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topics;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's state stores for the query API, and says where a key lives (the
 * MetadataService of the Kafka Streams examples). Every read fails with {@link NotReadyException}
 * rather than answer from a store that is restoring or moving.
 */
public final class StoreQueries {

    private final Supplier<Optional<KafkaStreams>> streams;
    private final Supplier<HostInfo> self;

    /**
     * @param streams the running application, once there is one
     * @param self    the address this instance advertises to the others
     */
    public StoreQueries(Supplier<Optional<KafkaStreams>> streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    HostInfo self() {
        return self.get();
    }

    private KafkaStreams running() {
        KafkaStreams current = streams.get().orElseThrow(() -> NotReady.because("the stream processor is starting"));
        if (current.state() != KafkaStreams.State.RUNNING) {
            throw NotReady.because("the stream processor is " + current.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        return current;
    }

    /** Where {@code key} of {@code store} lives. */
    Placement placement(String store, String key) {
        KeyQueryMetadata metadata = running().queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw NotReady.because("no instance owns " + store + " key '" + key + "' right now");
        }
        HostInfo here = self.get();
        return new Placement(metadata.partition(), metadata.activeHost(), here.equals(metadata.activeHost()),
                metadata.standbyHosts().contains(here));
    }

    /** How far this instance's copy of a partition is behind the active one, in records; 0 for active. */
    long lag(String store, int partition) {
        Map<String, Map<Integer, LagInfo>> lags = running().allLocalStorePartitionLags();
        LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
        return lag == null ? 0 : lag.offsetLag();
    }

    /** Instances holding active partitions of {@code store}. */
    List<HostInfo> hostsOf(String store) {
        return running().streamsMetadataForStore(store).stream().map(m -> m.hostInfo()).distinct().toList();
    }

    private <V> ReadOnlyKeyValueStore<String, V> store(String name, Integer partition, boolean stale) {
        StoreQueryParameters<ReadOnlyKeyValueStore<String, V>> parameters =
                StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.keyValueStore());
        if (partition != null) {
            parameters = parameters.withPartition(partition);
        }
        if (stale) {
            parameters = parameters.enableStaleStores();
        }
        try {
            return running().store(parameters);
        } catch (InvalidStateStoreException e) {
            throw NotReady.because("store " + name + " is not queryable here right now", e);
        }
    }

    private <T> T read(Supplier<T> read) {
        try {
            return read.get();
        } catch (InvalidStateStoreException e) {
            throw NotReady.because("a store moved while it was read", e);
        }
    }

    PostCounts postCounts(String postId, Placement at, boolean stale) {
        ReadOnlyKeyValueStore<String, PostCounts> store = store(StoreNames.POST_COUNTS, at.partition(), stale);
        return read(() -> store.get(postId));
    }

    UserCounts userCounts(String userId, Placement at, boolean stale) {
        ReadOnlyKeyValueStore<String, UserCounts> store = store(StoreNames.USER_COUNTS, at.partition(), stale);
        return read(() -> store.get(userId));
    }

    Optional<TrendingSnapshot> trending(Placement at, boolean stale) {
        ReadOnlyKeyValueStore<String, TrendingSnapshot> store = store(TrendingStores.SNAPSHOT, at.partition(), stale);
        return read(() -> Optional.ofNullable(store.get(Topics.TRENDING_KEY)));
    }

    /** The inbox stores of {@code at}'s partition. */
    InboxQueries inbox(Placement at, boolean stale) {
        return new InboxQueries(store(StoreNames.INBOX_USERS, at.partition(), stale),
                store(StoreNames.INBOX_ENTRIES, at.partition(), stale), store(StoreNames.INBOX_REFS, at.partition(), stale));
    }

    /** Reads through {@link #read}: a store that moves while it is read is a 503, not an error. */
    <T> T reading(Supplier<T> read) {
        return read(read);
    }

    /** The {@code n} posts with most likes among this instance's active partitions. */
    List<PostCounts> localTopByLikes(int n) {
        ReadOnlyKeyValueStore<String, PostCounts> store = store(StoreNames.POST_COUNTS, null, false);
        return read(() -> {
            Comparator<PostCounts> order = TOP_BY_LIKES;
            PriorityQueue<PostCounts> top = new PriorityQueue<>(order.reversed());
            try (KeyValueIterator<String, PostCounts> it = store.all()) {
                it.forEachRemaining(kv -> {
                    top.add(kv.value);
                    if (top.size() > n) {
                        top.poll();
                    }
                });
            }
            return top.stream().sorted(order).toList();
        });
    }

    /** Most likes first, then post id: the same order everywhere, so merged answers are stable. */
    static final Comparator<PostCounts> TOP_BY_LIKES = Comparator.comparingLong(PostCounts::getLikes).reversed()
            .thenComparing(PostCounts::getPostId);

}
