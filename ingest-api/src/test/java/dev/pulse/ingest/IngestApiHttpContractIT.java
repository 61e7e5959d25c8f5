package dev.pulse.ingest;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.HttpServiceContract;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The shared HTTP contract against the real ingest-api, on the embedded broker. */
@WithKafka
class IngestApiHttpContractIT extends HttpServiceContract {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_BODY = 65_536;

    private final String secret = HmacTokens.newSecret();
    private RunningService service;

    @BeforeAll
    void start(KafkaCluster kafka, Topics topics) {
        service = IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(Map.of(
                "server.host", "127.0.0.1",
                "server.port", "0",
                "server.request.timeout.seconds", Long.toString(TIMEOUT.toSeconds()),
                "server.body.max.bytes", Long.toString(MAX_BODY),
                "kafka.bootstrap.servers", kafka.bootstrapServers(),
                "kafka.topic.prefix", topics.prefix(),
                "security.jwt.secret", secret,
                "security.jwt.issuer", "pulse-test")))));
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
        return secret;
    }

    @Override
    protected Optional<String> issuer() {
        return Optional.of("pulse-test");
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
