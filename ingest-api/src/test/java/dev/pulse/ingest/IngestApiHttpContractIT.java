package dev.pulse.ingest;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HttpServiceContract;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared HTTP contract against the real ingest-api, on the embedded broker. */
@WithKafka
class IngestApiHttpContractIT extends HttpServiceContract {

    private RunningService service;

    @BeforeAll
    void start(KafkaCluster kafka, Topics topics) {
        Map<String, String> config = new HashMap<>(contractSettings());
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("kafka.topic.prefix", topics.prefix());
        service = IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(config))));
    }

    @AfterAll
    void stop() {
        service.close();
    }

    @Override
    protected int port() {
        return service.port();
    }
}
