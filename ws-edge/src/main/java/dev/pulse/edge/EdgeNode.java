package dev.pulse.edge;

import dev.pulse.schemas.InboxRecord;
import dev.pulse.service.JwtVerifier;
import java.util.UUID;

/**
 * What every connection of this node shares: the token verifier, the hub of sessions, the query API
 * client, the action writer, the drain, the settings and the node's name (in every hello, so a client can tell
 * nodes apart in its logs).
 */
record EdgeNode(String name, EdgeSettings settings, JwtVerifier verifier, PartitionFeed<InboxRecord> feed, Hub hub, QueryClient queries,
                InboxActionWriter actions, Subscriptions subscriptions, EdgeMeters meters, Drain drain) {

    static String newName() {
        return "edge-" + UUID.randomUUID().toString().substring(0, 8);
    }
}
