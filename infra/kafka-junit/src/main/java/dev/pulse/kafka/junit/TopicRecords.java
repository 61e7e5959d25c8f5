package dev.pulse.kafka.junit;

import dev.pulse.schemas.kafka.Topic;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads what a test wrote: every committed record of a topic or of one partition, with the catalogue's
 * serdes. One consumer reads all the partitions asked for: tests poll topics in loops, and a consumer per
 * partition made each read of a six-partition topic cost seconds on a loaded machine.
 */
public final class TopicRecords {

    private static final Duration DEADLINE = Duration.ofSeconds(20);

    private TopicRecords() {
    }

    /** Every committed record of every partition of {@code topic}, partition by partition, each oldest first. */
    public static <K, V> List<ConsumerRecord<K, V>> readAll(String bootstrapServers, Topic<K, V> topic) {
        return read(bootstrapServers, topic, IntStream.range(0, topic.partitions()).boxed().toList());
    }

    /** Records from the start to the current end of the partition (read_committed), oldest first. */
    public static <K, V> List<ConsumerRecord<K, V>> readPartition(String bootstrapServers, Topic<K, V> topic,
                                                                  int partition) {
        return read(bootstrapServers, topic, List.of(partition));
    }

    private static <K, V> List<ConsumerRecord<K, V>> read(String bootstrapServers, Topic<K, V> topic,
                                                          List<Integer> partitions) {
        Map<TopicPartition, List<ConsumerRecord<K, V>>> records =
                new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        try (KafkaConsumer<K, V> consumer = new KafkaConsumer<>(consumerConfig(bootstrapServers),
                topic.keySerde().deserializer(), topic.valueSerde().deserializer())) {
            List<TopicPartition> tps = partitions.stream().map(p -> new TopicPartition(topic.name(), p)).toList();
            tps.forEach(tp -> records.put(tp, new ArrayList<>()));
            consumer.assign(tps);
            consumer.seekToBeginning(tps);
            Map<TopicPartition, Long> ends = consumer.endOffsets(tps);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (tps.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Read only " + records.values().stream().mapToInt(List::size).sum()
                            + " records of " + topic.name() + " up to offsets " + ends + " within "
                            + DEADLINE.toSeconds() + " s");
                }
                consumer.poll(Duration.ofMillis(200)).forEach(r -> records.get(
                        new TopicPartition(r.topic(), r.partition())).add(r));
            }
        }
        List<ConsumerRecord<K, V>> all = new ArrayList<>();
        records.values().forEach(all::addAll);
        return all;
    }

    private static Map<String, Object> consumerConfig(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        // The broker answers at once while there is anything to read; the wait only delays the last poll.
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        return config;
    }
}
