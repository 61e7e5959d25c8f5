package dev.pulse.processor.inbox;

import dev.pulse.processor.state.ActorShare;
import dev.pulse.processor.state.Contribution;
import dev.pulse.processor.state.InboxRef;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.processor.topology.InternalSerdes;
import dev.pulse.processor.topology.StoreNames;
import dev.pulse.schemas.InboxNotification;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.processor.api.ProcessingContext;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * The stores one task's inboxes live in, all keyed by {@link InboxKeys} and changelogged, so an inbox
 * is restored exactly after a restart or a move: the user's bookkeeping, the notifications by seq, where
 * each notification is, the open group of each group key, and what each notification counts.
 */
final class InboxStores {

    static final String[] NAMES = {StoreNames.INBOX_USERS, StoreNames.INBOX_ENTRIES, StoreNames.INBOX_REFS,
        StoreNames.INBOX_OPEN_GROUPS, StoreNames.INBOX_CONTRIBUTIONS, StoreNames.INBOX_ACTORS};

    final KeyValueStore<String, InboxUser> users;
    final KeyValueStore<String, InboxNotification> entries;
    final KeyValueStore<String, InboxRef> refs;
    final KeyValueStore<String, String> openGroups;
    final KeyValueStore<String, Contribution> contributions;
    final KeyValueStore<String, ActorShare> actors;

    InboxStores(ProcessingContext context) {
        this.users = context.getStateStore(StoreNames.INBOX_USERS);
        this.entries = context.getStateStore(StoreNames.INBOX_ENTRIES);
        this.refs = context.getStateStore(StoreNames.INBOX_REFS);
        this.openGroups = context.getStateStore(StoreNames.INBOX_OPEN_GROUPS);
        this.contributions = context.getStateStore(StoreNames.INBOX_CONTRIBUTIONS);
        this.actors = context.getStateStore(StoreNames.INBOX_ACTORS);
    }

    /**
     * Registers the stores, in RocksDB unless named in {@code inMemory}. Cached where one key changes with
     * every record of a busy user.
     */
    static void register(StreamsBuilder builder, Serde<InboxNotification> notificationSerde, Set<String> inMemory) {
        builder.addStateStore(store(StoreNames.INBOX_USERS, InternalSerdes.avro(InboxUser.class), inMemory)
                .withCachingEnabled());
        builder.addStateStore(store(StoreNames.INBOX_ENTRIES, notificationSerde, inMemory));
        builder.addStateStore(store(StoreNames.INBOX_REFS, InternalSerdes.avro(InboxRef.class), inMemory));
        builder.addStateStore(store(StoreNames.INBOX_OPEN_GROUPS, Serdes.String(), inMemory).withCachingEnabled());
        builder.addStateStore(store(StoreNames.INBOX_CONTRIBUTIONS, InternalSerdes.avro(Contribution.class), inMemory));
        builder.addStateStore(store(StoreNames.INBOX_ACTORS, InternalSerdes.avro(ActorShare.class), inMemory));
    }

    private static <V> StoreBuilder<KeyValueStore<String, V>> store(String name, Serde<V> serde, Set<String> inMemory) {
        return Stores.keyValueStoreBuilder(inMemory.contains(name) ? Stores.inMemoryKeyValueStore(name)
                : Stores.persistentKeyValueStore(name), Serdes.String(), serde);
    }

    InboxNotification entry(String user, String notificationId) {
        InboxRef ref = refs.get(InboxKeys.ref(user, notificationId));
        return ref == null ? null : entries.get(InboxKeys.entry(user, ref.getSeq()));
    }

    InboxNotification entryAt(String user, long seq) {
        return entries.get(InboxKeys.entry(user, seq));
    }

    /** The user's notifications with seq at most {@code upToSeq}, oldest first. */
    List<InboxNotification> entriesUpTo(String user, long upToSeq) {
        List<InboxNotification> found = new ArrayList<>();
        try (KeyValueIterator<String, InboxNotification> it = entries.range(InboxKeys.entry(user, 0),
                InboxKeys.entry(user, upToSeq))) {
            it.forEachRemaining(kv -> found.add(kv.value));
        }
        return found;
    }

    /** The user's oldest notification, or null. */
    InboxNotification oldest(String user) {
        try (KeyValueIterator<String, InboxNotification> it = entries.range(InboxKeys.entry(user, 0),
                InboxKeys.entry(user, Long.MAX_VALUE))) {
            return it.hasNext() ? it.next().value : null;
        }
    }

    /** Stores a version of a notification, changed at {@code changeSeq}, and forgets the version it replaces. */
    void putVersion(String user, InboxNotification next, long replacedSeq, long changeSeq) {
        if (replacedSeq != next.getSeq()) {
            entries.delete(InboxKeys.entry(user, replacedSeq));
        }
        entries.put(InboxKeys.entry(user, next.getSeq()), next);
        refs.put(InboxKeys.ref(user, next.getNotificationId()), new InboxRef(next.getSeq(), changeSeq));
    }

    long lastChangeSeq(String user, String notificationId) {
        InboxRef ref = refs.get(InboxKeys.ref(user, notificationId));
        return ref == null ? 0 : ref.getLastChangeSeq();
    }

    /** Removes a notification and everything that counts in it. */
    void remove(String user, InboxNotification entry) {
        String id = entry.getNotificationId();
        entries.delete(InboxKeys.entry(user, entry.getSeq()));
        refs.delete(InboxKeys.ref(user, id));
        closeGroup(user, entry);
        deleteAll(actors, InboxKeys.actorsOf(user, id));
        List<String> counted = new ArrayList<>();
        String prefix = InboxKeys.contributionsOf(user, entry.getGroupKey());
        try (KeyValueIterator<String, Contribution> it = contributions.range(prefix, InboxKeys.last(prefix))) {
            it.forEachRemaining(kv -> {
                if (kv.value.getNotificationId().equals(id)) {
                    counted.add(kv.key);
                }
            });
        }
        counted.forEach(contributions::delete);
    }

    /** Stops {@code entry} from taking in new contributions, if it is its group's open notification. */
    void closeGroup(String user, InboxNotification entry) {
        String key = InboxKeys.openGroup(user, entry.getGroupKey());
        if (entry.getNotificationId().equals(openGroups.get(key))) {
            openGroups.delete(key);
        }
    }

    /** Lets {@code entry} take in new contributions again, unless another notification of its group does. */
    void reopenGroup(String user, InboxNotification entry) {
        openGroups.putIfAbsent(InboxKeys.openGroup(user, entry.getGroupKey()), entry.getNotificationId());
    }

    /** The contributions counted in a notification of {@code groupKey}. */
    List<Contribution> contributionsOf(String user, String groupKey, String notificationId) {
        String prefix = InboxKeys.contributionsOf(user, groupKey);
        List<Contribution> found = new ArrayList<>();
        try (KeyValueIterator<String, Contribution> it = contributions.range(prefix, InboxKeys.last(prefix))) {
            it.forEachRemaining(kv -> {
                if (kv.value.getNotificationId().equals(notificationId)) {
                    found.add(kv.value);
                }
            });
        }
        return found;
    }

    private static <V> void deleteAll(KeyValueStore<String, V> store, String prefix) {
        List<String> keys = new ArrayList<>();
        try (KeyValueIterator<String, V> it = store.range(prefix, InboxKeys.last(prefix))) {
            it.forEachRemaining(kv -> keys.add(kv.key));
        }
        keys.forEach(store::delete);
    }
}
