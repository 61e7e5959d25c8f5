package dev.pulse.ingest;

import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.KafkaClientMeters;
import dev.pulse.service.KafkaSettings;
import dev.pulse.service.ProblemException;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes a batch of events in one Kafka transaction, each to its catalogue topic under its catalogue key
 * ({@link EventPublisher} over a transactional, idempotent, acks=all producer), and returns where each
 * landed only after the commit. One producer per instance, one transaction at a time; the requests that
 * arrive while one runs share the next ({@link GroupCommit}), each still all or nothing.
 *
 * <p>Every wait on Kafka is bounded by the timeout: the turn at the producer, its start
 * ({@code initTransactions}), metadata ({@code max.block.ms}) and the commit. A request that runs out of
 * it, or meets any Kafka error, gets a 503 {@value #UNAVAILABLE} with {@code Retry-After}; the producer is
 * then closed at once and a new one started by the next request, whose {@code initTransactions} (same
 * transactional id) aborts whatever the old one left open. So the API recovers by itself when Kafka does,
 * and nothing of a refused batch is ever committed by this instance afterwards.
 *
 * <p>Once {@link #meterInto} named the service's registry, each producer's Kafka metrics are on it
 * ({@link KafkaClientMeters}) for that producer's life: a replaced producer's meters go with it.
 */
final class EventWriter implements AutoCloseable {

    static final String UNAVAILABLE = "kafka-unavailable";
    /** Most events of one group transaction; a single request may be larger (its batch limit) and goes alone. */
    static final int GROUP_MAX_EVENTS = 5_000;
    private static final Logger LOG = LoggerFactory.getLogger(EventWriter.class);

    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Topics topics;
    private final Duration timeout;
    private final ReentrantLock turn = new ReentrantLock();
    private final GroupCommit group;
    private Producer<byte[], byte[]> producer;
    private volatile MeterRegistry registry;
    private KafkaClientMeters meters;

    EventWriter(Supplier<Producer<byte[], byte[]>> producers, Topics topics, Duration timeout) {
        this.producers = producers;
        this.topics = topics;
        this.timeout = timeout;
        this.group = new GroupCommit(turn, timeout, GROUP_MAX_EVENTS);
    }

    static EventWriter create(KafkaSettings kafka, IngestSettings settings) {
        Map<String, Object> config = producerConfig(kafka, settings);
        return new EventWriter(() -> new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer()),
                kafka.topics(), settings.kafkaTimeout());
    }

    /** The publisher's reliable settings, transactional, with every wait bounded by the timeout. */
    static Map<String, Object> producerConfig(KafkaSettings kafka, IngestSettings settings) {
        int timeoutMs = (int) settings.kafkaTimeout().toMillis();
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.putAll(EventPublisher.reliableProducerConfig());
        config.put(ProducerConfig.TRANSACTIONAL_ID_CONFIG, settings.transactionalId());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, "pulse-ingest");
        config.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, timeoutMs);
        config.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, timeoutMs + (int) config.get(ProducerConfig.LINGER_MS_CONFIG));
        // An instance that dies mid-batch holds back read_committed readers until the broker aborts it.
        config.put(ProducerConfig.TRANSACTION_TIMEOUT_CONFIG, 3 * timeoutMs);
        return config;
    }

    /** Where each landed, in order, once the transaction committed; a 503 problem if Kafka did not answer in time. */
    List<RecordMetadata> write(List<SpecificRecord> events) {
        try {
            return group.write(events, this::inTurn,
                    () -> unavailable("other batches are still waiting on Kafka; nothing was written"));
        } catch (KafkaException e) {
            throw unavailable("Kafka did not acknowledge the events within " + timeout.toMillis() + " ms ("
                    + e.getMessage() + "); nothing was written").causedBy(e);
        }
    }

    /** One group's transaction, under the turn; any failure discards the producer, so the next starts clean. */
    private List<RecordMetadata> inTurn(List<SpecificRecord> events) {
        try {
            return inTransaction(events);
        } catch (KafkaException e) {
            discardProducer();
            LOG.warn("Kafka refused or did not answer a transaction of {} event(s): {}", events.size(), e.toString());
            throw e;
        } catch (RuntimeException | Error e) {
            discardProducer();
            throw e;
        }
    }

    private List<RecordMetadata> inTransaction(List<SpecificRecord> events) {
        Producer<byte[], byte[]> current = producer();
        current.beginTransaction();
        EventPublisher publisher = new EventPublisher(current, topics);
        List<CompletableFuture<RecordMetadata>> sent = new ArrayList<>(events.size());
        for (SpecificRecord event : events) {
            CompletableFuture<RecordMetadata> one = publisher.publish(event);
            sent.add(one);
            if (one.isCompletedExceptionally()) {
                throw failure(one);
            }
        }
        current.commitTransaction();
        return sent.stream().map(CompletableFuture::join).toList();
    }

    private Producer<byte[], byte[]> producer() {
        if (producer == null) {
            Producer<byte[], byte[]> created = producers.get();
            producer = created;
            MeterRegistry into = registry;
            meters = into == null ? null : KafkaClientMeters.bind(created, into);
            created.initTransactions();
        }
        return producer;
    }

    private static RuntimeException failure(CompletableFuture<RecordMetadata> failed) {
        Throwable cause = failed.exceptionNow();
        return cause instanceof RuntimeException runtime ? runtime : new KafkaException(cause);
    }

    private ProblemException unavailable(String detail) {
        return ProblemException.unavailable(UNAVAILABLE, detail, timeout);
    }

    /** Puts the Kafka metrics of every producer from now on, the current one included, on {@code registry}. */
    void meterInto(MeterRegistry registry) {
        turn.lock();
        try {
            this.registry = registry;
            if (producer != null && meters == null) {
                meters = KafkaClientMeters.bind(producer, registry);
            }
        } finally {
            turn.unlock();
        }
    }

    private void unbindMeters() {
        if (meters != null) {
            meters.close();
            meters = null;
        }
    }

    private void discardProducer() {
        unbindMeters();
        if (producer != null) {
            try {
                producer.close(Duration.ZERO);
            } catch (RuntimeException e) {
                LOG.debug("Closing a failed producer failed too", e);
            }
            producer = null;
        }
    }

    @Override
    public void close() {
        turn.lock();
        try {
            unbindMeters();
            if (producer != null) {
                producer.close(timeout);
                producer = null;
            }
        } finally {
            turn.unlock();
        }
    }
}
