package dev.pulse.edge;

import dev.pulse.schemas.InboxRecord;
import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.Json;
import dev.pulse.service.JwtVerifier;
import dev.pulse.service.ServiceRoutes;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import dev.pulse.service.ProblemException;
import dev.pulse.service.Routes;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceSettings;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import io.helidon.http.Status;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.websocket.WsConfig;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * A WebSocket edge node: pushes each connected user's inbox stream on {@code /ws} (docs/PROTOCOL.md),
 * resuming a client from its last seq on any node, and writes its inbox actions. It holds no state that
 * matters: the stream is the inbox topic, where a client stands is the processor's query API.
 */
public final class WsEdgeService {

    public static final String NAME = "ws-edge";
    static final String SOCKET_PATH = "/ws";

    private WsEdgeService() {
    }

    /** The service's own HTTP routes: {@code /ws} without an upgrade says how to connect. */
    static void routing(Routes routes, EdgeNode node) {
        routes.get(SOCKET_PATH, (req, res) -> {
            throw new ProblemException(Status.create(426, "Upgrade Required"), "upgrade-required",
                    "connect with a WebSocket client (Upgrade: websocket); see docs/PROTOCOL.md");
        });
        node.meters().gauge("pulse_edge_connections", "Open WebSocket connections", node.hub()::connections);
        node.meters().gauge("pulse_edge_users_online", "Users with an open connection", node.hub()::usersOnline);
        node.meters().gauge("pulse_edge_query_calls", "Calls to the query API", node.queries()::calls);
        node.meters().gauge("pulse_edge_partitions_held", "Inbox partitions this node reads", node.feed()::partitionsHeld);
        node.meters().gauge("pulse_edge_feed_lag", "Inbox records not read yet on the held partitions", node.feed()::lag);
        routes.get("/stats", (req, res) -> stats(req, res, node));
    }

    /** The node at a glance, as JSON (the {@code metrics} scope, like /metrics). */
    record Stats(String node, int connections, int usersOnline, int partitionsHeld, long feedLag, long queryCalls,
                 boolean draining) {
    }

    private static void stats(ServerRequest req, ServerResponse res, EdgeNode node) {
        if (!BearerAuthFilter.principal(req).hasScope(ServiceRoutes.METRICS_SCOPE)) {
            throw ProblemException.forbidden("reading stats needs the '" + ServiceRoutes.METRICS_SCOPE + "' scope");
        }
        Json.send(res, Status.OK_200, "application/json", new Stats(node.name(), node.hub().connections(), node.hub().usersOnline(),
                node.feed().partitionsHeld(), node.feed().lag(), node.queries().calls(), node.drain().draining()));
    }

    /** Validates {@code config} (the service's own sub-tree) and starts the service. */
    public static RunningService start(Config config) {
        Settings read = new Settings(config);
        ServiceSettings settings = ServiceSettings.read(NAME, read);
        EdgeSettings edge = EdgeSettings.read(read);
        read.requireValid(NAME);
        Map<String, Object> kafka = settings.kafka().clientConfig();
        Hub[] hub = new Hub[1];
        PartitionFeed<InboxRecord> feed = new PartitionFeed<>(kafka, settings.kafka().topics().inbox(),
                record -> hub[0].deliver(InboxFrames.live(record)));
        hub[0] = new Hub(feed, edge.connectionsPerUser());
        QueryClient queries = new QueryClient(edge.processorUrl(), edge.queryTimeout());
        Subscriptions subscriptions = new Subscriptions(kafka, settings.kafka().topics(), queries, edge);
        InboxActionWriter actions = new InboxActionWriter(kafka, settings.kafka().topics());
        Heartbeat heartbeat = new Heartbeat(hub[0], edge.heartbeat(), Clock.systemUTC());
        JwtVerifier verifier = new JwtVerifier(settings.jwt());
        Drain drain = new Drain(hub[0], edge.drainDeadline());
        EdgeNode[] node = new EdgeNode[1];
        RunningService running = ServiceHost.start(settings, routes -> {
            node[0] = new EdgeNode(EdgeNode.newName(), edge, verifier, feed, hub[0],
                    queries, actions, subscriptions,
                    new EdgeMeters(routes.meters()), drain);
            routing(routes, node[0]);
        }, Map.of("inbox-feed", feed::health), List.of(verifier, feed, subscriptions, actions, heartbeat), server -> sockets(server, edge, () -> new EdgeSocket(node[0])));
        running.beforeStop(drain);
        return running;
    }

    private static void sockets(WebServerConfig.Builder server, EdgeSettings edge, Supplier<WsListener> sockets) {
        server.addProtocol(WsConfig.builder().maxFrameLength(edge.maxFrameBytes()).build())
                .addRouting(WsRouting.builder().endpoint(SOCKET_PATH, sockets))
                // Helidon closes a connection silent this long; a client's pongs keep it open.
                .idleConnectionTimeout(edge.heartbeat().multipliedBy(2))
                .idleConnectionPeriod(edge.heartbeat().dividedBy(2));
    }
}
