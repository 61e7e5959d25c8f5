package dev.pulse.processor.it;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.KafkaClusterExtension;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The processor's input topics copied under another prefix, byte for byte (same partitions, keys, order
 * within each partition and record timestamps), so a second application replays exactly what the first
 * one read, beside it on the same broker. One consumer reads every partition, which keeps a copy of a
 * few thousand records well under a second.
 */
final class ReplayInputs {

    private static final Duration DEADLINE = Duration.ofSeconds(30);

    private ReplayInputs() {
    }

    /** Creates {@code to}'s whole catalogue and copies every input topic of {@code from} into it. */
    static void copy(KafkaCluster kafka, Topics from, Topics to) throws Exception {
        KafkaClusterExtension.create(kafka, to.all());
        List<Topic<?, ?>> inputs = List.of(from.likes(), from.comments(), from.follows(), from.messages(),
                from.reads(), from.userSettings());
        Map<String, String> renamed = new HashMap<>();
        List<Topic<?, ?>> targets = List.of(to.likes(), to.comments(), to.follows(), to.messages(), to.reads(),
                to.userSettings());
        IntStream.range(0, inputs.size()).forEach(i -> renamed.put(inputs.get(i).name(), targets.get(i).name()));
        List<TopicPartition> partitions = new ArrayList<>();
        inputs.forEach(t -> IntStream.range(0, t.partitions()).forEach(p -> partitions.add(new TopicPartition(t.name(), p))));
        try (KafkaConsumer<byte[], byte[]> consumer = consumer(kafka);
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.clientConfig(),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + DEADLINE.toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new AssertionError("Could not copy the inputs within " + DEADLINE.toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    producer.send(new ProducerRecord<>(renamed.get(r.topic()), r.partition(), r.timestamp(), r.key(),
                            r.value()));
                }
            }
            producer.flush();
        }
    }

    private static KafkaConsumer<byte[], byte[]> consumer(KafkaCluster kafka) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }
}
