package dev.pulse.edge;

import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The node's connected sessions by user, and which inbox partitions they need: the first session of a
 * partition's users adds it to the feed, the last one to leave releases it. The feed hands every record
 * here; it goes to each session of its user (every tab and device), written once.
 */
final class Hub {

    /** Why a session was not let in. */
    static final class Refused extends Exception {
        Refused(String message) {
            super(message, null, false, false);
        }
    }

    private final Map<String, List<Session>> byUser = new ConcurrentHashMap<>();
    /** Told when a user's first connection on this node opens and when the last one closes. */
    interface Arrivals {
        void arrived(String userId);

        void left(String userId);
    }

    private final PartitionUsers partitions;
    private final PartitionUsers signalPartitions;
    private final int connectionsPerUser;
    private volatile Arrivals arrivals = new Arrivals() {
        @Override
        public void arrived(String userId) {
        }

        @Override
        public void left(String userId) {
        }
    };

    /** @param signals the feed of typing signals addressed to the node's users, read for the same users */
    Hub(PartitionFeed<?> inbox, PartitionFeed<?> signals, int connectionsPerUser) {
        this.partitions = new PartitionUsers(inbox);
        this.signalPartitions = new PartitionUsers(signals);
        this.connectionsPerUser = connectionsPerUser;
    }

    void tellArrivals(Arrivals arrivals) {
        this.arrivals = arrivals;
    }

    /**
     * Registers {@code session}; the future completes when the user's partition is read from a position
     * at or before now, so the session may ask where to resume.
     */
    synchronized CompletableFuture<Void> join(Session session) throws Refused {
        List<Session> sessions = byUser.computeIfAbsent(session.userId(), user -> new CopyOnWriteArrayList<>());
        if (sessions.size() >= connectionsPerUser) {
            throw new Refused("at most " + connectionsPerUser + " connections per user");
        }
        sessions.add(session);
        if (sessions.size() > 1) {
            return partitions.positioned(session.userId());
        }
        signalPartitions.join(session.userId());
        arrivals.arrived(session.userId());
        return partitions.join(session.userId());
    }

    synchronized void leave(Session session) {
        List<Session> sessions = byUser.get(session.userId());
        if (sessions == null || !sessions.remove(session) || !sessions.isEmpty()) {
            return;
        }
        byUser.remove(session.userId());
        partitions.leave(session.userId());
        signalPartitions.leave(session.userId());
        arrivals.left(session.userId());
    }

    /** A record of the inbox stream, for every session of its user here. */
    void deliver(InboxFrames.Live record) {
        List<Session> sessions = byUser.get(record.userId());
        if (sessions != null) {
            sessions.forEach(session -> session.deliver(record));
        }
    }

    /** A frame for every session of {@code userId} here (a typing or sent-message signal addressed to them). */
    void deliver(String userId, String text) {
        List<Session> sessions = byUser.get(userId);
        if (sessions != null) {
            sessions.forEach(session -> session.out().text(text));
        }
    }

    boolean isOnline(String userId) {
        return byUser.containsKey(userId);
    }

    /** The users with a connection here. */
    java.util.Set<String> users() {
        return java.util.Set.copyOf(byUser.keySet());
    }

    /** Every session, for the heartbeat and the drain. */
    Iterable<Session> sessions() {
        return byUser.values().stream().flatMap(List::stream)::iterator;
    }

    int connections() {
        return byUser.values().stream().mapToInt(List::size).sum();
    }

    int usersOnline() {
        return byUser.size();
    }
}
