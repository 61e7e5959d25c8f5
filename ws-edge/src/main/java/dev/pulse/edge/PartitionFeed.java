package dev.pulse.edge;

import dev.pulse.schemas.kafka.Topic;
import dev.pulse.service.HealthCheck;
import dev.pulse.service.KafkaClientMeters;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads one keyed topic for this node: only the partitions the keys its connections need map to (Kafka's
 * default partitioner of the key: a user id on the inbox topic, a post id on counts.posts), assigned by
 * hand (no consumer group: every node reads on its own), read_committed. A partition is read from its end
 * when it is added, which happens before the first connection that needs it asks the query API where
 * things stand, so every record committed after that answer comes through here. One thread owns the
 * consumer; values go to {@code sink} in partition order. Once {@link #bindMeters} named the service's
 * registry, the consumer's Kafka metrics are on it, under the client id its settings give, until the feed
 * closes.
 */
final class PartitionFeed<V> implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PartitionFeed.class);
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration STALLED = Duration.ofSeconds(15);
    static final long CAUGHT_UP_LAG = 1_000;

    private sealed interface Change {
    }

    private record Add(TopicPartition partition, CompletableFuture<Void> positioned) implements Change {
    }

    private record Release(TopicPartition partition) implements Change {
    }

    /** A partition's owners (who added it and has not released it) and when it is positioned. */
    private static final class Held {
        int owners = 1;
        final CompletableFuture<Void> positioned;

        Held(CompletableFuture<Void> positioned) {
            this.positioned = positioned;
        }
    }

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Topic<String, V> topic;
    private final Consumer<V> sink;
    private final int partitions;
    private final LinkedBlockingQueue<Change> changes = new LinkedBlockingQueue<>();
    private final Set<TopicPartition> assigned = new HashSet<>();
    private final Map<TopicPartition, Held> holders = new HashMap<>();
    private final ArrayDeque<Add> unpositioned = new ArrayDeque<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile int held;
    private volatile long lag;
    private volatile long lastTurn = System.nanoTime();
    private volatile KafkaClientMeters meters;

    PartitionFeed(Map<String, Object> clientConfig, Topic<String, V> topic, Consumer<V> sink) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        config.put("isolation.level", "read_committed");
        config.put("enable.auto.commit", false);
        config.put("auto.offset.reset", "latest");
        this.consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.topic = topic;
        this.sink = sink;
        this.partitions = consumer.partitionsFor(topic.name(), Duration.ofSeconds(30)).size();
        this.thread = Thread.ofPlatform().name("feed-" + topic.name()).daemon().start(this::run);
    }

    /** Puts the consumer's Kafka metrics on {@code registry} until {@link #close}, which removes them. */
    synchronized void bindMeters(MeterRegistry registry) {
        if (meters != null) {
            throw new IllegalStateException("the meters of the feed of " + topic.name() + " are bound already");
        }
        meters = KafkaClientMeters.bind(consumer, registry);
    }

    /** The partition of the topic that holds {@code key}'s records. */
    int partitionOf(String key) {
        return Utils.toPositive(Utils.murmur2(topic.keySerde().serializer().serialize(topic.name(), key)))
                % partitions;
    }

    /**
     * Starts reading {@code partition} from its end, or counts one more owner of a partition read
     * already; completes once the position is fixed. Several owners (the inbox's users, the watched
     * users of presence) may add the same partition; each releases it once.
     */
    synchronized CompletableFuture<Void> add(int partition) {
        TopicPartition added = new TopicPartition(topic.name(), partition);
        Held held = holders.get(added);
        if (held != null) {
            held.owners++;
            return held.positioned;
        }
        held = new Held(new CompletableFuture<>());
        holders.put(added, held);
        changes.add(new Add(added, held.positioned));
        consumer.wakeup();
        return held.positioned;
    }

    /** Stops reading {@code partition} once every owner that added it released it. */
    synchronized void release(int partition) {
        TopicPartition released = new TopicPartition(topic.name(), partition);
        Held held = holders.get(released);
        if (held != null && --held.owners == 0) {
            holders.remove(released);
            changes.add(new Release(released));
            consumer.wakeup();
        }
    }

    /** How many partitions this node reads now. */
    int partitionsHeld() {
        return held;
    }

    /** Records on the held partitions not read yet, as of the last poll. */
    long lag() {
        return lag;
    }

    /**
     * Up while the feed turns (Kafka answers its polls) and is at most {@value #CAUGHT_UP_LAG} records
     * behind: a node that cannot read its users' streams must not get more users.
     */
    HealthCheck.Result health() {
        long silent = Duration.ofNanos(System.nanoTime() - lastTurn).toSeconds();
        if (silent > STALLED.toSeconds()) {
            return HealthCheck.Result.down("no poll of " + topic.name() + " for " + silent + " s");
        }
        return lag <= CAUGHT_UP_LAG ? HealthCheck.Result.up(held + " partitions, lag " + lag)
                : HealthCheck.Result.down("behind by " + lag + " records on " + held + " partitions");
    }

    private void run() {
        try {
            while (running) {
                try {
                    turn();
                } catch (WakeupException e) {
                    // a change to apply, or close
                } catch (RuntimeException e) {
                    LOG.warn("feed of {}: {}; retrying in a second", topic.name(), e.toString());
                    Thread.sleep(RETRY.toMillis());
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
        }
    }

    private void turn() throws InterruptedException {
        if (assigned.isEmpty()) {
            // Kafka refuses to poll nothing: wait for a first partition instead.
            Change first = changes.poll(POLL.toMillis(), TimeUnit.MILLISECONDS);
            if (first != null) {
                apply(first);
            }
        }
        applyChanges();
        if (!assigned.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                deliver(record);
            }
            lag = assigned.stream().mapToLong(p -> consumer.currentLag(p).orElse(0)).sum();
        } else {
            lag = 0;
        }
        lastTurn = System.nanoTime();
    }

    private void applyChanges() {
        for (Change change = changes.poll(); change != null; change = changes.poll()) {
            apply(change);
        }
        if (!assigned.equals(consumer.assignment())) {
            consumer.assign(assigned);
            held = assigned.size();
        }
        // A wakeup may interrupt this; what is left is positioned on the next turn.
        while (!unpositioned.isEmpty()) {
            Add add = unpositioned.getFirst();
            if (assigned.contains(add.partition())) {
                consumer.seekToEnd(List.of(add.partition()));
                consumer.position(add.partition());
            }
            unpositioned.removeFirst().positioned().complete(null);
        }
    }

    private void apply(Change change) {
        switch (change) {
            case Add add -> {
                assigned.add(add.partition());
                unpositioned.add(add);
            }
            case Release release -> assigned.remove(release.partition());
        }
    }

    private void deliver(ConsumerRecord<byte[], byte[]> record) {
        V value;
        try {
            value = topic.valueSerde().deserializer().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            LOG.warn("feed: skipping undecodable record at {}-{}@{}", record.topic(), record.partition(),
                    record.offset());
            return;
        }
        sink.accept(value);
    }

    /** Removes the meters, then stops the thread, which closes the consumer. */
    @Override
    public void close() {
        KafkaClientMeters bound = meters;
        if (bound != null) {
            bound.close();
        }
        running = false;
        consumer.wakeup();
        try {
            thread.join(Duration.ofSeconds(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
