package dev.pulse.ingest;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.HashMap;
import java.util.Map;

/** Starts the real ingest API for the ITs, on a free port against the test's cluster and topics. */
final class IngestServices {

    private IngestServices() {
    }

    /** @param extra further settings, over the test's own */
    static RunningService start(KafkaCluster kafka, Topics topics, String secret, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "kafka.topic.prefix", topics.prefix(),
                "security.jwt.secret", secret, "security.jwt.issuer", IngestClient.ISSUER));
        config.putAll(extra);
        return IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(config))));
    }
}
