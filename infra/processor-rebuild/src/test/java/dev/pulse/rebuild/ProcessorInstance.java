package dev.pulse.rebuild;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.nio.file.Path;
import java.util.Map;

/** A stream processor in this JVM, as the rebuild's integration tests run it. */
final class ProcessorInstance {

    private ProcessorInstance() {
    }

    static RunningService start(KafkaCluster kafka, Topics topics, String applicationId, Path stateDir) {
        Map<String, String> config = Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.topic.prefix", topics.prefix(),
                "security.jwt.secret", HmacTokens.newSecret(),
                "streams.application.id", applicationId,
                "streams.state.dir", stateDir.toString(),
                "streams.cache.bytes", "0",
                // A stopped instance leaves the group after this, not the default 45 s.
                "streams.session.timeout.ms", "6000",
                "streams.heartbeat.interval.ms", "1000");
        return StreamProcessorService.start(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(config))));
    }
}
