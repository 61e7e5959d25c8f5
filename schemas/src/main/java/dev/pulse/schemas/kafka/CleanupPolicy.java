package dev.pulse.schemas.kafka;

/** How Kafka discards old records of a topic. */
public enum CleanupPolicy {
    /** Records older than the topic's retention are deleted. */
    DELETE("delete"),
    /** Only the newest record of each key is kept. */
    COMPACT("compact");

    private final String configValue;

    CleanupPolicy(String configValue) {
        this.configValue = configValue;
    }

    /** The value of Kafka's {@code cleanup.policy} topic config. */
    public String configValue() {
        return configValue;
    }

    public static CleanupPolicy fromConfigValue(String value) {
        for (CleanupPolicy policy : values()) {
            if (policy.configValue.equals(value)) {
                return policy;
            }
        }
        throw new IllegalArgumentException("Unsupported cleanup.policy '" + value + "'");
    }
}
