package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.WholeInbox;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.LongSummaryStatistics;
import java.util.Map;
import java.util.Queue;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;

/**
 * Measures how long one instance's users get no notifications after that instance is killed: one
 * user per partition receives a like every {@link #TICK}, a read_committed consumer notes when each
 * notification becomes visible, and after the kill the stall of a partition is the time until the
 * first notification of an event published after the kill. Partitions the survivor owned show what
 * the rebalance costs the users who did not move. The flow is dense enough (50 events/s per
 * partition, several per 100 ms commit) that the killed instance almost surely dies with a
 * transaction open, as it would under real traffic, and the survivor must wait for its abort.
 */
final class FailoverProbe implements AutoCloseable {

    static final Duration TICK = Duration.ofMillis(20);
    private static final Duration POLL = Duration.ofMillis(50);
    private static final Duration CHECK = Duration.ofMillis(100);

    private final Topics topics;
    private final EventPublisher publisher;
    private final Map<Integer, String> userOfPartition;
    private final Map<UUID, Sent> sent = new ConcurrentHashMap<>();
    private final Map<Integer, Queue<Delivery>> deliveries = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
    private final Thread watcher;
    private volatile boolean stopped;

    private record Sent(int partition, long atNanos) {
    }

    /** One notification: when its event was published and when a read_committed consumer saw it. */
    private record Delivery(long publishedNanos, long seenNanos) {
    }

    /**
     * What a kill cost.
     *
     * @param victimPartitions partitions whose tasks the killed instance ran
     * @param worstStall       kill to the last of those partitions delivering again: what its unluckiest user waits
     * @param firstStall       kill to the first of them delivering again
     * @param survivorWorst    the longest publish-to-visible latency on the survivor's partitions meanwhile
     */
    record Stall(Set<Integer> victimPartitions, Duration worstStall, Duration firstStall, Duration survivorWorst) {

        @Override
        public String toString() {
            return String.format("victim partitions %s: notifications resumed after %.1f s (first partition %.1f s); "
                            + "survivor's partitions worst latency %.1f s", victimPartitions,
                    worstStall.toMillis() / 1000.0, firstStall.toMillis() / 1000.0, survivorWorst.toMillis() / 1000.0);
        }
    }

    FailoverProbe(String bootstrapServers, Topics topics, EventPublisher publisher) {
        this.topics = topics;
        this.publisher = publisher;
        this.userOfPartition = onePerPartition(topics.likes().partitions());
        KafkaConsumer<String, InboxRecord> consumer = notificationsFromTheEnd(bootstrapServers);
        this.watcher = Thread.ofPlatform().name("failover-watcher").start(() -> watch(consumer));
    }

    /**
     * Starts the likes; returns once every partition has delivered a notification, so the flow is
     * steady. Each user first saves settings and reads, so that every store of every task has been
     * written, as in production: under exactly-once, Kafka Streams 4.3 wipes and restores a task that
     * has a never-written store whenever it moves, standby replica or not (docs/ARCHITECTURE.md).
     */
    void startFlow(Duration deadline) {
        userOfPartition.values().forEach(this::touchEveryStore);
        pacer.scheduleAtFixedRate(this::publishOneRound, 0, TICK.toMillis(), TimeUnit.MILLISECONDS);
        await("a notification on every partition").atMost(deadline).pollInterval(CHECK)
                .until(() -> userOfPartition.keySet().stream().allMatch(p -> !deliveries(p).isEmpty()));
    }

    /**
     * Kills {@code victim} (SIGKILL) and waits until each of {@code victimPartitions} delivers a
     * notification of an event published after the kill.
     */
    Stall kill(Process victim, Set<Integer> victimPartitions, Duration deadline) throws InterruptedException {
        long killedAt = System.nanoTime();
        victim.destroyForcibly().waitFor();
        await("notifications for the victim's users after the kill").atMost(deadline).pollInterval(CHECK)
                .until(() -> victimPartitions.stream().allMatch(p -> resumedAfter(p, killedAt) > 0));
        return stallSince(killedAt, victimPartitions);
    }

    private Stall stallSince(long killedAt, Set<Integer> victimPartitions) {
        LongSummaryStatistics resumed = victimPartitions.stream()
                .mapToLong(p -> resumedAfter(p, killedAt) - killedAt).summaryStatistics();
        long until = killedAt + resumed.getMax();
        long survivorWorst = userOfPartition.keySet().stream().filter(p -> !victimPartitions.contains(p))
                .flatMap(p -> deliveries(p).stream())
                .filter(d -> d.publishedNanos() >= killedAt && d.publishedNanos() <= until)
                .mapToLong(d -> d.seenNanos() - d.publishedNanos()).max().orElse(0);
        return new Stall(Set.copyOf(victimPartitions), Duration.ofNanos(resumed.getMax()),
                Duration.ofNanos(resumed.getMin()), Duration.ofNanos(survivorWorst));
    }

    /** When the partition first showed a notification of an event published after {@code since}; 0 if not yet. */
    private long resumedAfter(int partition, long since) {
        return deliveries(partition).stream().filter(d -> d.publishedNanos() >= since)
                .mapToLong(Delivery::seenNanos).min().orElse(0);
    }

    private List<Delivery> deliveries(int partition) {
        return List.copyOf(deliveries.getOrDefault(partition, new ConcurrentLinkedQueue<>()));
    }

    private void touchEveryStore(String user) {
        publisher.publish(UserSettings.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId(user).setUserId(user).build());
        publisher.publish(InboxAction.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId(user).setScope(new WholeInbox()).build());
    }

    private void publishOneRound() {
        userOfPartition.forEach((partition, user) -> {
            long n = counter.incrementAndGet();
            LikeEvent like = LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setActorId("fan-" + n).setAction(LikeAction.LIKE).setPostId(user + "-post-" + n)
                    .setPostAuthorId(user).build();
            sent.put(like.getEventId(), new Sent(partition, System.nanoTime()));
            publisher.publish(like);
        });
    }

    private void watch(KafkaConsumer<String, InboxRecord> consumer) {
        try (consumer) {
            while (!stopped) {
                for (ConsumerRecord<String, InboxRecord> record : consumer.poll(POLL)) {
                    long seen = System.nanoTime();
                    Sent origin = record.value().getChange() instanceof NotificationIssued issued
                            ? sent.get(issued.getNotification().getSourceEventId()) : null;
                    if (origin != null) {
                        deliveries.computeIfAbsent(origin.partition(), p -> new ConcurrentLinkedQueue<>())
                                .add(new Delivery(origin.atNanos(), seen));
                    }
                }
            }
        }
    }

    private KafkaConsumer<String, InboxRecord> notificationsFromTheEnd(String bootstrapServers) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        KafkaConsumer<String, InboxRecord> consumer = new KafkaConsumer<>(config,
                topics.inbox().keySerde().deserializer(), topics.inbox().valueSerde().deserializer());
        List<TopicPartition> partitions = IntStream.range(0, topics.inbox().partitions())
                .mapToObj(p -> new TopicPartition(topics.inbox().name(), p)).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position);
        return consumer;
    }

    /** The first user id of the form {@code fo-u<n>} that the default partitioner puts on each partition. */
    private static Map<Integer, String> onePerPartition(int partitions) {
        Map<Integer, String> users = new TreeMap<>();
        for (int n = 0; users.size() < partitions; n++) {
            String user = "fo-u" + n;
            users.putIfAbsent(partitionOf(user, partitions), user);
        }
        return users;
    }

    /** Kafka's default partitioner for a keyed record. */
    static int partitionOf(String key, int partitions) {
        return Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    @Override
    public void close() throws InterruptedException {
        pacer.shutdownNow();
        stopped = true;
        watcher.join(Duration.ofSeconds(10));
    }
}
