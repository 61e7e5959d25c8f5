package dev.pulse.kafka.junit;

import java.util.Map;

/**
 * The Kafka cluster a test runs against: one per test JVM, shared by every test in it.
 *
 * @param backend what runs the cluster, for messages ("embedded", "testcontainers apache/kafka:...")
 */
public record KafkaCluster(String bootstrapServers, String backend) {

    /** The minimal client config: {@code bootstrap.servers}. */
    public Map<String, Object> clientConfig() {
        return Map.of("bootstrap.servers", bootstrapServers);
    }
}
