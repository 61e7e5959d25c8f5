package dev.pulse.schemas.kafka;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.serialization.Serde;

/**
 * One topic: its name, the serdes of its keys and values, which key its records must have, and how it
 * is declared on a cluster. Instances come only from {@link Topics}.
 *
 * @param keyRule   which key each record must have; see {@link #keyOf}
 * @param retention how long a {@link CleanupPolicy#DELETE} topic keeps records; empty keeps them forever
 *                  (the event log is the source of truth). Ignored for compacted topics.
 */
public record Topic<K, V>(String name, Serde<K> keySerde, Serde<V> valueSerde, KeyRule<K, V> keyRule,
                          int partitions, CleanupPolicy cleanupPolicy, Optional<Duration> retention) {

    private static final Pattern LEGAL_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    /** Kafka's default segment.ms; a shorter retention needs shorter segments to take effect. */
    private static final Duration DEFAULT_SEGMENT = Duration.ofDays(7);

    public Topic {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(keySerde, "keySerde");
        Objects.requireNonNull(valueSerde, "valueSerde");
        Objects.requireNonNull(keyRule, "keyRule");
        Objects.requireNonNull(cleanupPolicy, "cleanupPolicy");
        Objects.requireNonNull(retention, "retention");
        if (!LEGAL_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Illegal topic name '" + name + "'");
        }
        if (partitions < 1) {
            throw new IllegalArgumentException("Topic " + name + " needs at least one partition");
        }
        if (retention.isPresent() && (retention.get().isNegative() || retention.get().isZero())) {
            throw new IllegalArgumentException("Topic " + name + " needs a positive retention");
        }
    }

    /** The key {@code value} must have on this topic, by its {@link #keyRule}. */
    public K keyOf(V value) {
        return keyRule.keyOf(value);
    }

    /** Kafka's {@code retention.ms} for this topic: -1 for forever; empty for compacted topics. */
    public Optional<Long> retentionMs() {
        if (cleanupPolicy == CleanupPolicy.COMPACT) {
            return Optional.empty();
        }
        return Optional.of(retention.map(Duration::toMillis).orElse(-1L));
    }

    /**
     * The topic-level configs this topic is declared with. A retention shorter than Kafka's default
     * segment age also shortens {@code segment.ms}, since only whole closed segments are deleted.
     */
    public Map<String, String> configs() {
        Map<String, String> configs = new LinkedHashMap<>();
        configs.put("cleanup.policy", cleanupPolicy.configValue());
        retentionMs().ifPresent(ms -> configs.put("retention.ms", Long.toString(ms)));
        if (cleanupPolicy == CleanupPolicy.DELETE && retention.isPresent()
                && retention.get().compareTo(DEFAULT_SEGMENT) < 0) {
            configs.put("segment.ms", Long.toString(retention.get().toMillis()));
        }
        return Map.copyOf(configs);
    }

    /** This topic as Kafka's Admin client creates it. */
    public NewTopic newTopic(short replicationFactor) {
        return new NewTopic(name, partitions, replicationFactor).configs(configs());
    }

    @Override
    public String toString() {
        return "Topic[" + name + ", key " + keyRule + ", partitions=" + partitions + ", " + configs() + "]";
    }
}
