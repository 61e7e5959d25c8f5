package dev.pulse.ingest;

import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceSettings;
import io.helidon.config.Config;
import dev.pulse.service.Routes;
import java.util.List;
import java.util.Map;

/** The ingest API: accepts domain events over HTTP from producers that do not speak Kafka. */
public final class IngestApiService {

    public static final String NAME = "ingest-api";

    private IngestApiService() {
    }

    /** The service's own routes, behind bearer authentication; shared by {@link #start} and tests. */
    static void routing(Routes routes) {
        // Only the shared routes (/health, /v1/session) so far; this service's API comes with its issue.
    }

    /** Validates {@code config} (the service's own sub-tree) and starts the service. */
    public static RunningService start(Config config) {
        return ServiceHost.start(ServiceSettings.from(NAME, config), IngestApiService::routing, Map.of(), List.of());
    }
}
