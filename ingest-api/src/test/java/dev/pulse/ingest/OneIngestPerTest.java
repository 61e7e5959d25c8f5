package dev.pulse.ingest;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;

/**
 * A real ingest API per test, on the test's own topics of the embedded broker, with its own signing key
 * and a client for it. A test class changes the service's settings with {@link #settings()}.
 */
@WithKafka
abstract class OneIngestPerTest {

    protected final String secret = HmacTokens.newSecret();
    protected KafkaCluster kafka;
    protected Topics topics;
    protected RunningService service;
    protected IngestClient client;

    /** Settings of the service under test beyond its defaults. */
    protected Map<String, String> settings() {
        return Map.of();
    }

    @BeforeEach
    void startIngest(KafkaCluster cluster, Topics testTopics) {
        kafka = cluster;
        topics = testTopics;
        service = IngestInstance.start(cluster, testTopics, secret, settings());
        client = new IngestClient(secret, service.port());
    }

    @AfterEach
    void stopIngest() {
        service.close();
    }
}
