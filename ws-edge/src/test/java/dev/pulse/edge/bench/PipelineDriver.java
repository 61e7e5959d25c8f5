package dev.pulse.edge.bench;

import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;

/**
 * Writes events to the target's Kafka at a fixed rate, open loop (every millisecond it sends what the clock
 * says is due), and notes when each was acknowledged. With {@code messages} it also reads the inbox topic
 * read_committed, as a client of the processor would, and notes when each message's notification became
 * visible there: the processor's own ack-to-visible, the reference for the edge's ack-to-frame.
 */
final class PipelineDriver implements AutoCloseable {

    /**
     * One inbox record the driver's events caused: when its event was sent and acknowledged and when the
     * record became visible, in epoch micros (ack 0 if none came).
     */
    record Visible(long sentMicros, long ackMicros, long visibleMicros) {
    }

    /** When one event was sent and acknowledged; the ack is written by the producer's thread. */
    private static final class Sent {
        final long sentMicros = LoadSocket.nowMicros();
        volatile long ackMicros;
    }

    private record Seen(UUID eventId, long visibleMicros) {
    }

    private final LoadOptions.Drive drive;
    private final int users;
    private final String userPrefix;
    private final Topics topics;
    private final EventPublisher publisher;
    private final Map<UUID, Sent> sentAt = new ConcurrentHashMap<>();
    private final Map<String, Seen> seen = new ConcurrentHashMap<>();
    private final AtomicLong sent = new AtomicLong();
    private final AtomicLong acked = new AtomicLong();
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("drive-pacer").daemon().factory());
    private Thread reader;

    PipelineDriver(LoadOptions.Drive drive, int users, String userPrefix) {
        this.drive = drive;
        this.users = users;
        this.userPrefix = userPrefix;
        this.topics = Topics.withPrefix(drive.topicPrefix());
        this.publisher = new EventPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, drive.kafka(),
                ProducerConfig.CLIENT_ID_CONFIG, "edge-load-driver"), topics);
    }

    /** Starts reading the inbox (messages only) from its end, then sending. */
    void start() {
        if (drive.kind().equals("messages")) {
            reader = readInbox();
        }
        long t0 = System.nanoTime();
        long[] next = {0};
        pacer.scheduleAtFixedRate(() -> {
            long due = (long) ((System.nanoTime() - t0) / 1e9 * drive.rate()) + 1;
            while (next[0] < due && !stop.get()) {
                send(next[0]++);
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
    }

    private void send(long n) {
        SpecificRecord event = event(n);
        UUID id = eventId(event);
        Sent times = new Sent();
        sentAt.put(id, times);
        sent.incrementAndGet();
        publisher.publish(event).whenComplete((metadata, error) -> {
            times.ackMicros = LoadSocket.nowMicros();
            if (error != null) {
                failure.compareAndSet(null, error);
            }
            acked.incrementAndGet();
        });
    }

    private SpecificRecord event(long n) {
        Instant now = Instant.now();
        if (drive.kind().equals("likes")) {
            return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setActorId("bench-a" + n)
                    .setAction(LikeAction.LIKE).setPostId("hot" + (n % drive.hotPosts()))
                    .setPostAuthorId("bench-author" + (n % drive.hotPosts())).build();
        }
        String sender = "bench-s" + n;
        return DirectMessage.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(now).setActorId(sender)
                .setConversationId("bench-c" + n).setMessageId("bench-m" + n)
                .setRecipientIds(List.of(sender, userPrefix + ThreadLocalRandom.current().nextInt(users)))
                .setText("hello " + n).build();
    }

    private static UUID eventId(SpecificRecord event) {
        return event instanceof LikeEvent like ? like.getEventId() : ((DirectMessage) event).getEventId();
    }

    private Thread readInbox() {
        KafkaConsumer<String, InboxRecord> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, drive.kafka(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10,
                ConsumerConfig.CLIENT_ID_CONFIG, "edge-load-inbox-reader"),
                topics.inbox().keySerde().deserializer(), topics.inbox().valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.inbox().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolved before the first event is sent
        return Thread.ofPlatform().name("drive-inbox-reader").start(() -> {
            try (consumer) {
                while (!stop.get()) {
                    for (ConsumerRecord<String, InboxRecord> record : consumer.poll(Duration.ofMillis(100))) {
                        noteVisible(record.value(), LoadSocket.nowMicros());
                    }
                }
            } catch (RuntimeException e) {
                failure.compareAndSet(null, e);
            }
        });
    }

    private void noteVisible(InboxRecord record, long now) {
        if (record != null && record.getChange() instanceof NotificationIssued issued
                && sentAt.containsKey(issued.getNotification().getSourceEventId())) {
            seen.put(NotificationArrivals.key(record.getRecipientId(), record.getSeq()),
                    new Seen(issued.getNotification().getSourceEventId(), now));
        }
    }

    long sent() {
        return sent.get();
    }

    long acked() {
        return acked.get();
    }

    /**
     * The inbox records the messages caused, by {@code user:seq}, with their acks as known now (an ack may
     * reach the driver after its record is visible, so they are joined here, at the end).
     */
    Map<String, Visible> visible() {
        Map<String, Visible> out = new HashMap<>();
        seen.forEach((key, record) -> {
            Sent times = sentAt.get(record.eventId());
            out.put(key, new Visible(times.sentMicros, times.ackMicros, record.visibleMicros()));
        });
        return out;
    }

    /** Stops sending; the inbox is read on until {@link #close()}. */
    void stopSending() {
        pacer.shutdownNow();
    }

    void requireNoFailure() {
        if (failure.get() != null) {
            throw new IllegalStateException("the driver failed: " + failure.get(), failure.get());
        }
    }

    @Override
    public void close() throws InterruptedException {
        stopSending();
        stop.set(true);
        if (reader != null) {
            reader.join(Duration.ofSeconds(10));
        }
        publisher.close();
    }
}
