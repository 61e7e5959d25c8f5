package dev.pulse.processor.bench;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * How far a Kafka Streams application has consumed <em>and committed</em> its inputs: its consumer
 * group's committed offsets against the end offsets of every topic it reads, the input topics and
 * its own repartition topics.
 *
 * <p>Input topics here are written without transactions, so "done" there is committed == end. A
 * repartition topic is written in transactions and ends with a commit marker, which the application
 * may have read past or not when it last committed; a lag of exactly one is therefore checked by
 * reading that last offset: when it is a marker (nothing to read, the position moves past it), the
 * partition is done.
 */
final class CommitProgress implements AutoCloseable {

    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(10);

    private final Admin admin;
    private final KafkaConsumer<byte[], byte[]> probe;
    private final String groupId;
    private final List<TopicPartition> inputs;
    private final List<TopicPartition> internal = new ArrayList<>();
    private final Set<TopicPartition> inputSet;
    private final Map<TopicPartition, Long> markerAt = new HashMap<>();

    /** What a check saw; {@code seenAtNanos} is when the committed offsets were read. */
    record Status(long inputCommitted, long inputEnd, long internalLag, boolean done, long seenAtNanos) {
    }

    CommitProgress(String bootstrapServers, String groupId, Collection<String> inputTopics, Admin admin)
            throws ExecutionException, InterruptedException, TimeoutException {
        this.admin = admin;
        this.groupId = groupId;
        this.inputs = partitions(inputTopics);
        this.inputSet = new HashSet<>(inputs);
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "driver-marker-probe");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
        this.probe = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** Adds the application's repartition topics; call once it runs (Streams creates them at its first rebalance). */
    void addRepartitionTopics() throws ExecutionException, InterruptedException, TimeoutException {
        List<String> names = admin.listTopics().names().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS).stream()
                .filter(n -> n.startsWith(groupId + "-") && n.endsWith("-repartition")).sorted().toList();
        internal.clear();
        internal.addAll(partitions(names));
    }

    List<String> repartitionTopics() {
        return internal.stream().map(TopicPartition::topic).distinct().toList();
    }

    Status check() throws ExecutionException, InterruptedException, TimeoutException {
        // Committed first, ends second: ends can only have grown meanwhile, so committed == end holds at the first read.
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(groupId)
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long seenAt = System.nanoTime();
        List<TopicPartition> all = new ArrayList<>(inputs);
        all.addAll(internal);
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        all.forEach(tp -> request.put(tp, OffsetSpec.latest()));
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> ends = admin.listOffsets(request).all()
                .get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
        long inputCommitted = 0;
        long inputEnd = 0;
        long internalLag = 0;
        boolean done = true;
        for (TopicPartition tp : all) {
            OffsetAndMetadata c = committed.get(tp);
            long at = c == null ? 0 : c.offset();
            long end = ends.get(tp).offset();
            long lag = Math.max(0, end - at);
            if (inputSet.contains(tp)) {
                inputCommitted += Math.min(at, end);
                inputEnd += end;
                done &= lag == 0;
            } else {
                internalLag += lag;
                done &= lag == 0 || (lag == 1 && isMarker(tp, end - 1));
            }
        }
        return new Status(inputCommitted, inputEnd, internalLag, done, seenAt);
    }

    /** Whether {@code offset} of {@code tp} holds a transaction marker rather than a record. */
    private boolean isMarker(TopicPartition tp, long offset) {
        Long known = markerAt.get(tp);
        if (known != null && known == offset) {
            return true;
        }
        probe.assign(List.of(tp));
        probe.seek(tp, offset);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (System.nanoTime() < deadline) {
            ConsumerRecords<byte[], byte[]> records = probe.poll(Duration.ofMillis(50));
            if (!records.isEmpty()) {
                return false;
            }
            if (probe.position(tp) > offset) {
                markerAt.put(tp, offset);
                return true;
            }
        }
        return false;
    }

    private List<TopicPartition> partitions(Collection<String> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<TopicPartition> result = new ArrayList<>();
        if (topics.isEmpty()) {
            return result;
        }
        admin.describeTopics(topics).allTopicNames().get(CALL_TIMEOUT.toSeconds(), TimeUnit.SECONDS)
                .forEach((name, description) -> description.partitions()
                        .forEach(p -> result.add(new TopicPartition(name, p.partition()))));
        return result;
    }

    @Override
    public void close() {
        probe.close(org.apache.kafka.clients.consumer.CloseOptions.timeout(Duration.ofSeconds(5)));
    }
}
