package dev.pulse.ingest;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pulse.service.Routes;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceSettings;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import java.util.List;
import java.util.Map;

/**
 * The ingest API: accepts domain events over HTTP from producers that do not speak Kafka
 * ({@code POST /v1/events}) and writes them to their topics, as {@code EventPublisher} would.
 */
public final class IngestApiService {

    public static final String NAME = "ingest-api";

    private IngestApiService() {
    }

    /** The service's own routes, behind bearer authentication; shared by {@link #start} and tests. */
    static void routing(Routes routes, EventsService events) {
        routes.register("/v1", events);
    }

    /** Validates {@code config} (the service's own sub-tree) and starts the service. */
    public static RunningService start(Config config) {
        Settings read = new Settings(config);
        ServiceSettings settings = ServiceSettings.read(NAME, read);
        IngestSettings ingest = IngestSettings.read(read);
        read.requireValid(NAME);
        EventWriter writer = EventWriter.create(settings.kafka(), ingest);
        AvroJson json = EventJson.of(settings.kafka().topics());
        CallerRateLimit rateLimit = CallerRateLimit.of(ingest.rateLimit());
        // A repeat may wait for the request it repeats: its turn at the producer and its write, each bounded.
        IdempotencyRecords idempotency = new IdempotencyRecords(ingest.idempotency().ttl(),
                ingest.idempotency().maxKeys(), ingest.kafkaTimeout().multipliedBy(3), Ticker.systemTicker());
        return ServiceHost.start(settings, routes -> routing(routes, new EventsService(json, writer, ingest, rateLimit,
                idempotency, new IngestMetrics(routes.meters()))), Map.of(), List.of(writer));
    }
}
