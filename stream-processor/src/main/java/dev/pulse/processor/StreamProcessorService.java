package dev.pulse.processor;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.processor.query.QueryRoutes;
import dev.pulse.service.HealthCheck;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceSettings;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.state.HostInfo;

/**
 * The stream processor: the Kafka Streams application deriving counts, trending and notifications,
 * and its HTTP API. The HTTP server starts first so its real port can be advertised to the other
 * instances for interactive queries; the streams stop after the server, when it is closed.
 */
public final class StreamProcessorService {

    public static final String NAME = "stream-processor";

    private StreamProcessorService() {
    }


    /** Validates {@code config} (the service's own sub-tree) and starts the service. */
    public static RunningService start(Config config) {
        Settings read = new Settings(config);
        ServiceSettings settings = ServiceSettings.read(NAME, read);
        ProcessorSettings processor = ProcessorSettings.read(read);
        read.requireValid(NAME);
        StreamsSlot streams = new StreamsSlot();
        OpenWrites openWrites = new OpenWrites(processor.failover().transactionTimeout());
        RunningService service = ServiceHost.start(settings, routes -> {
            streams.meterInto(routes.meters());
            QueryRoutes.register(routes, streams::kafkaStreams, streams::advertised, openWrites);
        }, Map.of("streams", streams), List.of(streams));
        try {
            streams.fill(StreamsRunner.create(settings.kafka(), processor, service.port(), streams.meters,
                    openWrites));
        } catch (RuntimeException e) {
            service.close();
            throw e;
        }
        return service;
    }

    /**
     * The streams application, which can only be created once the HTTP port to advertise is known, and
     * the service's meter registry, which the routing hands over while the server is built.
     */
    private static final class StreamsSlot implements HealthCheck, AutoCloseable {

        private volatile StreamsRunner runner;
        private volatile MeterRegistry meters;

        void meterInto(MeterRegistry registry) {
            meters = registry;
        }

        void fill(StreamsRunner created) {
            runner = created;
            created.start();
        }

        Optional<KafkaStreams> kafkaStreams() {
            return Optional.ofNullable(runner).map(StreamsRunner::streams);
        }

        HostInfo advertised() {
            StreamsRunner current = runner;
            return current == null ? new HostInfo("unknown", 0) : current.advertised();
        }

        @Override
        public Result check() {
            StreamsRunner current = runner;
            return current == null ? Result.down("starting") : current.check();
        }

        @Override
        public void close() {
            StreamsRunner current = runner;
            if (current != null) {
                current.close();
            }
        }
    }
}
