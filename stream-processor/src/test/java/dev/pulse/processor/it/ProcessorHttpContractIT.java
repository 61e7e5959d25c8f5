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
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/** The shared HTTP contract against a real stream processor, on the embedded broker. */
@WithKafka
class ProcessorHttpContractIT extends HttpServiceContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_BODY = 65_536;

    private ProcessorInstances instances;
    private RunningService service;

    @BeforeAll
    void start(KafkaCluster kafka, TestNamespace namespace, Topics topics, @TempDir Path dir) {
        instances = new ProcessorInstances(kafka, topics, namespace.name("contract"));
        Map<String, String> config = instances.config(dir, 0);
        config.put("server.request.timeout.seconds", Long.toString(TIMEOUT.toSeconds()));
        config.put("server.body.max.bytes", Long.toString(MAX_BODY));
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

    @Override
    protected String secret() {
        return instances.secret();
    }

    @Override
    protected Optional<String> issuer() {
        return Optional.empty();
    }

    @Override
    protected Duration requestTimeout() {
        return TIMEOUT;
    }

    @Override
    protected long maxBodyBytes() {
        return MAX_BODY;
    }
}
