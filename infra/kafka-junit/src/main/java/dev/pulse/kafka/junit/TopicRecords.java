package dev.pulse.kafka.junit;

import dev.pulse.schemas.kafka.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/** Reads what a test wrote: every committed record of one partition, with the catalogue's serdes. */
public final class TopicRecords {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private TopicRecords() {
    }

    /** Every committed record of every partition of {@code topic}, each partition oldest first. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, Topic<K, V> topic) {
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        for (int partition = 0; partition < topic.partitions(); partition++) {
            records.addAll(readPartition(bootstrapServers, topic, partition));
        }
        return records;
    }

    /** Records from the start to the current end of the partition (read_committed), oldest first. */
    public static <K, V> List<ConsumerRecord<K, V>> readPartition(String bootstrapServers, Topic<K, V> topic,
                                                                  int partition) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        List<ConsumerRecord<K, V>> records = new ArrayList<>();
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(config,
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            TopicPartition tp = new TopicPartition(topic.name(), partition);
            consumer.assign(Set.of(tp));
            consumer.seekToBeginning(Set.of(tp));
            long end = consumer.endOffsets(Set.of(tp)).get(tp);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (consumer.position(tp) < end) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Read only " + records.size() + " records of " + tp + " up to offset "
                            + end + " within " + DEADLINE.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(records::add);
            }
        }
        return records;
    }
}
