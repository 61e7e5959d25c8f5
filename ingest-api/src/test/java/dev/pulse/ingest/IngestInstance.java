package dev.pulse.ingest;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.HashMap;
import java.util.Map;

/** Starts an ingest API on the test's broker and namespace, on a free port, with its defaults but for {@code extra}. */
final class IngestInstance {

    private IngestInstance() {
    }

    static RunningService start(KafkaCluster kafka, Topics topics, String secret, Map<String, String> extra) {
        Map<String, String> config = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "kafka.bootstrap.servers", kafka.bootstrapServers(), "kafka.topic.prefix", topics.prefix(),
                "security.jwt.secret", secret, "security.jwt.issuer", IngestClient.ISSUER));
        config.putAll(extra);
        return IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(config))));
    }
}
