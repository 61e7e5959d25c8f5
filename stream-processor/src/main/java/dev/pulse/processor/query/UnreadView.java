package dev.pulse.processor.query;

import java.time.Instant;

/** A user's exact unread count as the query API answers it, and as an instance reads the owner's answer back. */
record UnreadView(String userId, long unread, long lastSeq, Instant asOf) {

    static UnreadView of(StoreQueries.Backlog backlog) {
        return new UnreadView(backlog.userId(), backlog.unread(), backlog.lastSeq(), Instant.now());
    }
}
