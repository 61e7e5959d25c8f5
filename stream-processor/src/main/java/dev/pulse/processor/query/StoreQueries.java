package dev.pulse.processor.query;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.processor.trending.TrendingStores;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topics;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.function.ToLongFunction;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Reads this instance's state stores for the query API; {@link StoreMetadata} says which instance
 * holds a key. Every read fails with a 503 {@code not-ready} problem rather than answer from a store
 * that is restoring or moving.
 */
final class StoreQueries {

    /** Most likes first, then post id: the same order everywhere, so merged answers are stable. */
    static final Comparator<PostCounts> TOP_BY_LIKES = mostLikedFirst(PostCounts::getLikes, PostCounts::getPostId);

    private final RunningStreams streams;
    private final OpenWrites openWrites;

    StoreQueries(RunningStreams streams, OpenWrites openWrites) {
        this.streams = streams;
        this.openWrites = openWrites;
    }

    /** The top-by-likes order over any shape of post counts: the store's records and the views merged from instances. */
    static <T> Comparator<T> mostLikedFirst(ToLongFunction<T> likes, Function<T, String> postId) {
        return Comparator.comparingLong(likes).reversed().thenComparing(postId);
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
            return streams.get().store(parameters);
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

    /**
     * Reads {@code user}'s inbox from the inbox stores of {@code at}'s partition, and answers once what it read
     * is committed ({@link OpenWrites}): a seq it gives out names the same change on the inbox topic.
     */
    <T> T inbox(String user, Placement at, boolean stale, Function<InboxQueries, T> read) {
        InboxQueries inbox = new InboxQueries(store(StoreNames.INBOX_USERS, at.partition(), stale),
                store(StoreNames.INBOX_ENTRIES, at.partition(), stale), store(StoreNames.INBOX_REFS, at.partition(), stale));
        T answer = read(() -> read.apply(inbox));
        OpenWrites.Outcome outcome;
        try {
            outcome = openWrites.awaitCommitted(user);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw NotReady.because("interrupted while the inbox's writes were committing", e);
        }
        return switch (outcome) {
            case COMMITTED -> answer;
            case ABORTED -> throw NotReady.because("the inbox's writes were rolled back while they were read");
            case TIMED_OUT -> throw NotReady.because("the inbox's writes are not committed yet");
        };
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
}
