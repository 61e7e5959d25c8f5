package dev.pulse.edge;

import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Which partitions of one feed an owner (the hub's users, one kind of watches) needs: a partition is
 * added with the owner's first key on it (a user, a watched post) and released after its last. The
 * feed counts owners, so two owners may share a feed. Not thread-safe: its owner calls it under its
 * own lock.
 */
final class PartitionUsers {

    private static final class Use {
        int keys;
        final CompletableFuture<Void> positioned;

        Use(CompletableFuture<Void> positioned) {
            this.positioned = positioned;
        }
    }

    private final PartitionFeed<?> feed;
    private final Map<Integer, Use> partitions = new HashMap<>();

    PartitionUsers(PartitionFeed<?> feed) {
        this.feed = feed;
    }

    /** Counts one more key; completes when the feed reads the key's partition from a position at or before now. */
    CompletableFuture<Void> join(String key) {
        Use use = partitions.computeIfAbsent(feed.partitionOf(key), p -> new Use(feed.add(p)));
        use.keys++;
        return use.positioned;
    }

    /** The future of {@code key}'s partition, which some key already joined. */
    CompletableFuture<Void> positioned(String key) {
        return partitions.get(feed.partitionOf(key)).positioned;
    }

    void leave(String key) {
        int partition = feed.partitionOf(key);
        Use use = partitions.get(partition);
        if (use != null && --use.keys == 0) {
            partitions.remove(partition);
            feed.release(partition);
        }
    }
}
