package dev.pulse.edge;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One kind of watched value (a post's counts, a user's counts, the trending list) for every connection
 * of this node: who watches which key, the newest value of each, and the feed partitions that brings.
 * A key's first value comes from the query API once, whoever watches it (one hot post watched by 10,000
 * sockets costs one query, not 10,000), and later values from the feed. Values are coalesced: each
 * watcher gets at most one frame per key every {@link #FLUSH_EVERY}, the newest.
 */
final class Watches {

    /** How often watchers get the newest value of a key that changed. */
    static final Duration FLUSH_EVERY = Duration.ofMillis(250);
    private static final Logger LOG = LoggerFactory.getLogger(Watches.class);

    /** A value as its frame's text, and when it was computed (null: never, the zero value). */
    record Value(Instant at, String text) {

        boolean olderThan(Value other) {
            return at != null && other.at != null && at.isBefore(other.at);
        }
    }

    /** Reads a key's current value from the query API, with the watcher's own token. */
    interface FirstValue {
        Value read(String key, String token) throws QueryClient.Unavailable;
    }

    private static final class Watch {
        final Set<Session> sessions = new HashSet<>();
        Value latest;
        boolean dirty;
        boolean asking;
    }

    private final String kind;
    private final PartitionUsers partitions;
    private final FirstValue firstValue;
    private final Duration queryTimeout;
    private final int maxPerSession;
    private final Map<String, Watch> watches = new HashMap<>();
    private final Map<Session, Set<String>> bySession = new HashMap<>();

    Watches(String kind, PartitionFeed<?> feed, FirstValue firstValue, Duration queryTimeout, int maxPerSession) {
        this.kind = kind;
        this.partitions = new PartitionUsers(feed);
        this.firstValue = firstValue;
        this.queryTimeout = queryTimeout;
        this.maxPerSession = maxPerSession;
    }

    /** Why {@code session} may not watch {@code more} keys of this kind besides its own; empty when it may. */
    synchronized Optional<String> refusal(Session session, int more) {
        int watching = bySession.getOrDefault(session, Set.of()).size();
        return watching + more <= maxPerSession ? Optional.empty()
                : Optional.of("at most " + maxPerSession + " " + kind + " subscriptions per connection");
    }

    /**
     * Starts sending {@code key}'s values to {@code session}: the newest known at once, or the first when read.
     * Completes once the feed reads the key's partition, so every change written after that reaches the session.
     */
    CompletableFuture<Void> watch(Session session, String key, String token) {
        Watch watch;
        boolean ask = false;
        String known = null;
        CompletableFuture<Void> positioned;
        synchronized (this) {
            if (!bySession.computeIfAbsent(session, s -> new HashSet<>()).add(key)) {
                return partitions.positioned(key);
            }
            watch = watches.get(key);
            if (watch == null) {
                watch = new Watch();
                watches.put(key, watch);
                partitions.join(key);
            }
            positioned = partitions.positioned(key);
            watch.sessions.add(session);
            if (watch.latest != null) {
                known = watch.latest.text();
            } else if (!watch.asking) {
                watch.asking = true;
                ask = true;
            }
        }
        if (known != null) {
            session.out().text(known);
        }
        if (ask) {
            Watch asked = watch;
            Thread.ofVirtual().name("first-value").start(() -> askFirst(key, asked, token));
        }
        return positioned;
    }

    void unwatch(Session session, String key) {
        synchronized (this) {
            Set<String> keys = bySession.get(session);
            if (keys == null || !keys.remove(key)) {
                return;
            }
            if (keys.isEmpty()) {
                bySession.remove(session);
            }
            forget(session, key);
        }
    }

    /** A closed connection watches nothing any more. */
    synchronized void leave(Session session) {
        Set<String> keys = bySession.remove(session);
        if (keys != null) {
            keys.forEach(key -> forget(session, key));
        }
    }

    private void forget(Session session, String key) {
        Watch watch = watches.get(key);
        watch.sessions.remove(session);
        if (watch.sessions.isEmpty()) {
            watches.remove(key);
            partitions.leave(key);
        }
    }

    /** A value from the feed: kept when someone watches its key and it is not older than the one known. */
    synchronized void update(String key, Value value) {
        Watch watch = watches.get(key);
        if (watch == null || (watch.latest != null && value.olderThan(watch.latest))) {
            return;
        }
        watch.latest = value;
        watch.dirty = true;
    }

    /** Sends each changed key's newest value to its watchers; called every {@link #FLUSH_EVERY}. */
    void flush() {
        List<Map.Entry<String, List<Session>>> due = new ArrayList<>();
        synchronized (this) {
            for (Watch watch : watches.values()) {
                if (watch.dirty) {
                    watch.dirty = false;
                    due.add(Map.entry(watch.latest.text(), List.copyOf(watch.sessions)));
                }
            }
        }
        due.forEach(entry -> entry.getValue().forEach(session -> session.out().text(entry.getKey())));
    }

    private void askFirst(String key, Watch watch, String token) {
        try {
            CompletableFuture<Void> positioned;
            synchronized (this) {
                positioned = partitions.positioned(key);
            }
            positioned.get(queryTimeout.toMillis(), TimeUnit.MILLISECONDS);
            Value value = firstValue.read(key, token);
            synchronized (this) {
                if (watch.latest == null || !value.olderThan(watch.latest)) {
                    watch.latest = value;
                }
                watch.asking = false;
                watch.dirty = true;
            }
        } catch (Exception e) {
            LOG.info("No first value of {} {}: {}", kind, key, e.toString());
            synchronized (this) {
                watch.asking = false;
            }
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
