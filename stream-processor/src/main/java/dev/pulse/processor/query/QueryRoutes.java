package dev.pulse.processor.query;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.service.Routes;
import java.util.Optional;
import java.util.function.Supplier;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The interactive-query API, as Helidon services registered under their paths: {@link CountsService}
 * and {@link TrendingService} under {@code /v1}, {@link InboxService} under {@code /v1/users}. Any
 * instance answers any key ({@link KeyRouter}: read here, forward to the owner, or read a standby
 * replica and say so); while stores restore or move the answer is 503 with Retry-After, never a
 * wrong number.
 */
public final class QueryRoutes {

    private QueryRoutes() {
    }

    /**
     * Registers the query API on {@code routes}.
     *
     * @param streams    the running application, once there is one
     * @param self       the address this instance advertises to the others
     * @param openWrites the application's uncommitted inbox writes, which inbox answers wait for
     */
    public static void register(Routes routes, Supplier<Optional<KafkaStreams>> streams, Supplier<HostInfo> self,
                                OpenWrites openWrites) {
        RunningStreams running = new RunningStreams(streams);
        register(routes, new StreamsStoreMetadata(running, self), new StoreQueries(running, openWrites));
    }

    /** As above over any {@link StoreMetadata}, so the routes' rules can be tested without a broker. */
    static void register(Routes routes, StoreMetadata metadata, StoreQueries queries) {
        Forwarder forwarder = new Forwarder(metadata::self);
        KeyRouter router = new KeyRouter(metadata, forwarder);
        routes.register("/v1", new CountsService(queries, router))
                .register("/v1", new TrendingService(queries, router, new TopPostsGather(metadata, queries, forwarder)))
                .register("/v1/users", new InboxService(queries, router));
    }
}
