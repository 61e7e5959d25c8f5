package dev.pulse.ingest;

import com.github.benmanes.caffeine.cache.Ticker;
import dev.pulse.service.Routes;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceSettings;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ingest API: accepts domain events over HTTP from producers that do not speak Kafka
 * ({@code POST /v1/events}) and writes them to their topics, as {@code EventPublisher} would; gives users
 * their inbox ({@code /v1/me/inbox}: reads forwarded to the stream processor, actions written as events)
 * and their settings ({@code PUT /v1/users/{id}/settings}); and, in development mode only, tokens
 * ({@code POST /v1/dev/token}).
 */
public final class IngestApiService {

    public static final String NAME = "ingest-api";
    private static final Logger LOG = LoggerFactory.getLogger(IngestApiService.class);

    private IngestApiService() {
    }

    /** The service's own routes, behind bearer authentication but the dev token's; shared by {@link #start} and tests. */
    static void routing(Routes routes, EventsService events, InboxService inbox, SettingsService settings,
                        Optional<DevTokenService> devTokens) {
        routes.register("/v1", events)
                .register(InboxService.PATH, inbox)
                .register(SettingsService.PATH, settings);
        devTokens.ifPresent(dev -> routes.register(DevTokenService.PATH, dev)
                .allowWithoutToken(DevTokenService.TOKEN_PATH));
    }

    /** Validates {@code config} (the service's own sub-tree) and starts the service. */
    public static RunningService start(Config config) {
        Settings read = new Settings(config);
        ServiceSettings settings = ServiceSettings.read(NAME, read);
        IngestSettings ingest = IngestSettings.read(read);
        ProcessorLink processor = ProcessorLink.read(read);
        DevMode dev = DevMode.read(read, settings.jwt());
        read.requireValid(NAME);
        EventWriter writer = EventWriter.create(settings.kafka(), ingest);
        AvroJson json = EventJson.of(settings.kafka().topics());
        CallerRateLimit rateLimit = CallerRateLimit.of(ingest.rateLimit());
        // A repeat may wait for the request it repeats: its turn at the producer and its write, each bounded.
        IdempotencyRecords idempotency = new IdempotencyRecords(ingest.idempotency().ttl(),
                ingest.idempotency().maxKeys(), ingest.kafkaTimeout().multipliedBy(3), Ticker.systemTicker());
        ProcessorForwarder forwarder = new ProcessorForwarder(processor);
        Optional<DevTokenService> devTokens = Optional.of(dev).filter(DevMode::on)
                .map(on -> new DevTokenService(on, settings.jwt(), Clock.systemUTC()));
        devTokens.ifPresent(on -> LOG.warn("Development mode: POST {} gives a token for any user and scopes to"
                + " anyone who reaches this port; never turn dev.mode on in production", DevTokenService.TOKEN_PATH));
        return ServiceHost.start(settings, routes -> {
            writer.meterInto(routes.meters());
            WriteGate gate = new WriteGate(rateLimit, idempotency, writer, new IngestMetrics(routes.meters()));
            routing(routes, new EventsService(json, ingest, gate), new InboxService(forwarder, json, gate,
                    ingest.maxBytes()), new SettingsService(json, gate, ingest.maxBytes()), devTokens);
        }, Map.of(), List.of(writer, forwarder));
    }
}
