package dev.pulse.edge;

import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.JwtVerifier;
import dev.pulse.service.KafkaClientMeters;
import dev.pulse.service.ServiceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.Producer;

/**
 * The parts of one edge node, made in the order they need each other, and released in reverse: the
 * inbox and signals feeds, the hub, the writer of users' events, typing and presence, the watches, the
 * heartbeat and the drain. {@link #node} completes them with the meters once the server gives its
 * registry: the edge's own and its Kafka clients' ({@link KafkaClientMeters}), each client under a
 * client id of its own ({@code pulse-<node>-inbox}, {@code -signals}, {@code -counts-posts},
 * {@code -counts-users}, {@code -trending}, {@code -writes}), so their series stand apart.
 */
final class EdgeParts {

    private final String name = EdgeNode.newName();
    private final EdgeSettings edge;
    private final PartitionFeed<InboxRecord> inboxFeed;
    private final PartitionFeed<Signal> signalFeed;
    private final Hub hub;
    private final Producer<byte[], byte[]> producer;
    private final EventPublisher publisher;
    private final Signals signals;
    private final QueryClient queries;
    private final Subscriptions subscriptions;
    private final Heartbeat heartbeat;
    private final JwtVerifier verifier;
    private final Drain drain;
    private volatile EdgeNode node;
    private volatile KafkaClientMeters producerMeters;

    EdgeParts(ServiceSettings settings, EdgeSettings edge) {
        this.edge = edge;
        Map<String, Object> kafka = settings.kafka().clientConfig();
        Topics topics = settings.kafka().topics();
        this.inboxFeed = new PartitionFeed<>(client(kafka, "inbox"), topics.inbox(),
                record -> hub().deliver(InboxFrames.live(record)));
        this.signalFeed = new PartitionFeed<>(client(kafka, "signals"), topics.signals(),
                signal -> signals().received(signal));
        this.hub = new Hub(inboxFeed, signalFeed, edge.connectionsPerUser());
        this.producer = EventPublisher.reliableProducer(client(kafka, "writes"));
        this.publisher = new EventPublisher(producer, topics);
        this.signals = new Signals(publisher, hub);
        this.queries = new QueryClient(edge.processorUrl(), edge.queryTimeout(), edge.queriesInFlight());
        this.subscriptions = new Subscriptions(role -> client(kafka, role), topics, queries, edge, signalFeed, signals);
        this.heartbeat = new Heartbeat(hub, edge.heartbeat(), Clock.systemUTC());
        this.verifier = new JwtVerifier(settings.jwt());
        this.drain = new Drain(hub, edge.drainDeadline());
    }

    /** The settings of this node's Kafka client doing {@code role}, under a client id of its own. */
    private Map<String, Object> client(Map<String, Object> kafka, String role) {
        Map<String, Object> config = new HashMap<>(kafka);
        config.put(CommonClientConfigs.CLIENT_ID_CONFIG, "pulse-" + name + "-" + role);
        return config;
    }

    private Hub hub() {
        return hub;
    }

    private Signals signals() {
        return signals;
    }

    /** The node as its connections see it, with its meters and its Kafka clients' registered in {@code registry}. */
    EdgeNode node(MeterRegistry registry) {
        inboxFeed.bindMeters(registry);
        signalFeed.bindMeters(registry);
        subscriptions.bindMeters(registry);
        producerMeters = KafkaClientMeters.bind(producer, registry);
        node = new EdgeNode(name, edge, verifier, inboxFeed, hub, queries, new UserWrites(publisher),
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

    /**
     * What the service releases after its server stopped, last first. A feed removes its consumer's meters
     * as it closes; the producer's go just before the publisher closes the producer.
     */
    List<AutoCloseable> resources() {
        return List.of(verifier, inboxFeed, signalFeed, publisher, this::unbindProducerMeters, signals, subscriptions,
                heartbeat);
    }

    private void unbindProducerMeters() {
        KafkaClientMeters bound = producerMeters;
        if (bound != null) {
            bound.close();
        }
    }
}
