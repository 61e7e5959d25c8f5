package dev.pulse.kafka.junit;

import java.util.Optional;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.kafka.KafkaContainer;

/** Apache Kafka's own image in a container; needs a Docker engine. Loaded only when asked for. */
final class TestcontainersBackend implements KafkaBackend {

    static final String IMAGE = "apache/kafka:4.3.1";

    private final KafkaContainer container;

    private TestcontainersBackend() {
        container = new KafkaContainer(IMAGE)
                .withEnv("KAFKA_AUTO_CREATE_TOPICS_ENABLE", "false")
                .withEnv("KAFKA_GROUP_INITIAL_REBALANCE_DELAY_MS", "0")
                // As the embedded broker: abort a dead client's timed-out transaction within 1 s, not 10 s.
                .withEnv("KAFKA_TRANSACTION_ABORT_TIMED_OUT_TRANSACTION_CLEANUP_INTERVAL_MS", "1000");
        container.start();
    }

    /** Why no container can be started here, or empty when a Docker engine answers. */
    static Optional<String> unavailableReason() {
        try {
            if (DockerClientFactory.instance().isDockerAvailable()) {
                return Optional.empty();
            }
            return Optional.of("no Docker engine is reachable from this machine");
        } catch (RuntimeException | LinkageError e) {
            return Optional.of("Docker could not be checked (" + e.getMessage() + ")");
        }
    }

    static TestcontainersBackend start() {
        return new TestcontainersBackend();
    }

    @Override
    public KafkaCluster cluster() {
        return new KafkaCluster(container.getBootstrapServers(), "testcontainers " + IMAGE);
    }

    @Override
    public void close() {
        container.stop();
    }
}
