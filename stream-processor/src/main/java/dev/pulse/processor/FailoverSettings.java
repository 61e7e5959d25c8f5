package dev.pulse.processor;

import dev.pulse.service.Settings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;

/**
 * How soon the tasks of a dead instance run again elsewhere. Three waits add up after a crash: the
 * group notices the silent member (the main consumer's session timeout, then up to one heartbeat
 * until the survivor rejoins); the broker aborts the dead instance's open transaction (its timeout,
 * checked every {@code transaction.abort.timed.out.transaction.cleanup.interval.ms} on the broker),
 * which until then holds back the survivor's reads of those partitions; and the survivor brings the
 * stores up to date (standby replicas keep them warm). Kafka's defaults (45 s, 10 s, no standby)
 * left a killed instance's users without notifications for ~50 s; the measurements behind these
 * defaults are in docs/BENCHMARKS.md.
 *
 * @param sessionTimeout     the group moves a member's tasks when it has not heard from it for this long
 * @param heartbeatInterval  how often the main consumer tells the group it is alive
 * @param transactionTimeout the broker aborts a transaction left open this long (a dead instance's last one)
 * @param standbyReplicas    warm copies of each task's stores on other instances
 */
public record FailoverSettings(Duration sessionTimeout, Duration heartbeatInterval, Duration transactionTimeout,
                               int standbyReplicas) {

    /** Kafka properties that would hide, or be hidden by, one of these settings, and that setting. */
    private static final Map<String, String> OURS = Map.of(
            ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG, "streams.session.timeout.ms",
            ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG, "streams.heartbeat.interval.ms",
            ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, "streams.transaction.timeout.ms",
            StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, "streams.standby.replicas");

    /**
     * Reads {@code streams.session.*}, {@code streams.heartbeat.*}, {@code streams.transaction.*} and
     * {@code streams.standby.*}; {@code commitInterval} bounds the transaction timeout from below.
     */
    static FailoverSettings read(Settings settings, Duration commitInterval, Map<String, String> extraProperties) {
        int sessionMs = settings.integer("streams.session.timeout.ms", 1_000, 1_800_000);
        int heartbeatMs = settings.integer("streams.heartbeat.interval.ms", 100, 600_000);
        int transactionMs = settings.integer("streams.transaction.timeout.ms", 1_000, 900_000);
        int standbys = settings.integer("streams.standby.replicas", 0, 10);
        if (heartbeatMs >= sessionMs) {
            settings.problem("streams.heartbeat.interval.ms: must be below streams.session.timeout.ms ("
                    + sessionMs + "), was " + heartbeatMs + "; a third of it or less is usual");
        }
        if (transactionMs <= commitInterval.toMillis()) {
            settings.problem("streams.transaction.timeout.ms: must be above streams.commit.interval.ms ("
                    + commitInterval.toMillis() + "), was " + transactionMs + "; every transaction would time out");
        }
        extraProperties.keySet().forEach(key -> refuseShadowing(settings, key));
        return new FailoverSettings(Duration.ofMillis(sessionMs), Duration.ofMillis(heartbeatMs),
                Duration.ofMillis(transactionMs), standbys);
    }

    private static void refuseShadowing(Settings settings, String key) {
        OURS.forEach((kafkaKey, ours) -> {
            if (List.of(kafkaKey, StreamsConfig.consumerPrefix(kafkaKey), StreamsConfig.mainConsumerPrefix(kafkaKey),
                    StreamsConfig.producerPrefix(kafkaKey)).contains(key)) {
                settings.problem("streams.properties." + key + ": set " + ours + " instead");
            }
        });
    }

    /** Sets the group consumer's session timeout and heartbeat, the producers' transaction timeout, the standbys. */
    void applyTo(Properties props) {
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.SESSION_TIMEOUT_MS_CONFIG),
                (int) sessionTimeout.toMillis());
        props.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.HEARTBEAT_INTERVAL_MS_CONFIG),
                (int) heartbeatInterval.toMillis());
        props.put(StreamsConfig.producerPrefix(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG),
                (int) transactionTimeout.toMillis());
        props.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, standbyReplicas);
    }
}
