package dev.pulse.edge;

import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.JwtVerifier;
import dev.pulse.service.ServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * The parts of one edge node, made in the order they need each other, and released in reverse: the
 * inbox and signals feeds, the hub, the writer of users' events, typing and presence, the watches, the
 * heartbeat and the drain. {@link #node} completes them with the meters once the server gives its
 * registry.
 */
final class EdgeParts {

    private final EdgeSettings edge;
    private final PartitionFeed<InboxRecord> inboxFeed;
    private final PartitionFeed<Signal> signalFeed;
    private final Hub hub;
    private final EventPublisher publisher;
    private final Signals signals;
    private final QueryClient queries;
    private final Subscriptions subscriptions;
    private final Heartbeat heartbeat;
    private final JwtVerifier verifier;
    private final Drain drain;
    private volatile EdgeNode node;

    EdgeParts(ServiceSettings settings, EdgeSettings edge) {
        this.edge = edge;
        Map<String, Object> kafka = settings.kafka().clientConfig();
        Topics topics = settings.kafka().topics();
        this.inboxFeed = new PartitionFeed<>(kafka, topics.inbox(), record -> hub().deliver(InboxFrames.live(record)));
        this.signalFeed = new PartitionFeed<>(kafka, topics.signals(), signal -> signals().received(signal));
        this.hub = new Hub(inboxFeed, signalFeed, edge.connectionsPerUser());
        this.publisher = new EventPublisher(kafka, topics);
        this.signals = new Signals(publisher, hub);
        this.queries = new QueryClient(edge.processorUrl(), edge.queryTimeout(), edge.queriesInFlight());
        this.subscriptions = new Subscriptions(kafka, topics, queries, edge, signalFeed, signals);
        this.heartbeat = new Heartbeat(hub, edge.heartbeat(), Clock.systemUTC());
        this.verifier = new JwtVerifier(settings.jwt());
        this.drain = new Drain(hub, edge.drainDeadline());
    }

    private Hub hub() {
        return hub;
    }

    private Signals signals() {
        return signals;
    }

    /** The node as its connections see it, with the meters registered in {@code registry}. */
    EdgeNode node(MeterRegistry registry) {
        node = new EdgeNode(EdgeNode.newName(), edge, verifier, inboxFeed, hub, queries, new UserWrites(publisher),
                subscriptions, signals, new EdgeMeters(registry), drain);
        return node;
    }

    /** A listener for one new connection. */
    EdgeSocket socket() {
        return new EdgeSocket(node);
    }

    PartitionFeed<InboxRecord> inboxFeed() {
        return inboxFeed;
    }

    Drain drain() {
        return drain;
    }

    /** What the service releases after its server stopped, last first. */
    List<AutoCloseable> resources() {
        return List.of(verifier, inboxFeed, signalFeed, publisher, signals, subscriptions, heartbeat);
    }
}
