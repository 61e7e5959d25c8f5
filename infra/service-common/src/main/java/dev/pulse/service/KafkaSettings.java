package dev.pulse.service;

import dev.pulse.schemas.kafka.Topics;
import java.util.HashMap;
import java.util.Map;

/**
 * Where a service finds Kafka.
 *
 * @param clientProperties extra client settings (security and the like) applied to every client
 */
public record KafkaSettings(String bootstrapServers, String topicPrefix, Map<String, String> clientProperties) {

    public KafkaSettings {
        clientProperties = Map.copyOf(clientProperties);
    }

    /** The topic catalogue under this service's prefix. */
    public Topics topics() {
        return Topics.withPrefix(topicPrefix);
    }

    /** Base config for any Kafka client: bootstrap servers plus the extra client properties. */
    public Map<String, Object> clientConfig() {
        Map<String, Object> config = new HashMap<>(clientProperties);
        config.put("bootstrap.servers", bootstrapServers);
        return config;
    }
}
