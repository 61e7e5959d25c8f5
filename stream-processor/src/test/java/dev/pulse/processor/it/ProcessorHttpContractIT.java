package dev.pulse.processor.it;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HttpServiceContract;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared HTTP contract against a real stream processor, on the embedded broker. */
@WithKafka
class ProcessorHttpContractIT extends HttpServiceContract {

    private RunningService service;

    @BeforeAll
    void start(KafkaCluster kafka, TestNamespace namespace, Topics topics, @TempDir Path dir) {
        Map<String, String> config = new ProcessorInstances(kafka, topics, namespace.name("contract")).config(dir, 0);
        config.putAll(contractSettings());
        service = StreamProcessorService.start(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(config))));
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
