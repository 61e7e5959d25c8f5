package dev.pulse.schemas.kafka;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes domain events for services that speak Kafka: one method for every record producers
 * write, its topic and key taken from the catalogue's {@link KeyRule}s (so a producer cannot put an
 * event under the wrong key), and an idempotent producer (acks=all, retries without duplicates or
 * reordering), so a retried send never counts twice. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;

    /**
     * @param producerConfig at least {@code bootstrap.servers}; the settings of
     *                       {@link #reliableProducerConfig()} are applied on top and cannot be weakened
     */
    public EventPublisher(Map<String, Object> producerConfig, Topics topics) {
        this(reliableProducer(producerConfig), topics);
    }

    /** Publishes through an existing producer, which must be configured idempotent by the caller. */
    public EventPublisher(Producer<byte[], byte[]> producer, Topics topics) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
    }

    /**
     * A producer with {@code producerConfig} and the settings of {@link #reliableProducerConfig()} on top,
     * as the other constructor makes it: for a caller that needs the producer itself besides publishing
     * through it (to bind its metrics), and hands it to {@link #EventPublisher(Producer, Topics)}.
     */
    public static Producer<byte[], byte[]> reliableProducer(Map<String, Object> producerConfig) {
        return new KafkaProducer<>(merge(producerConfig), new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** The producer settings every publisher enforces. */
    public static Map<String, Object> reliableProducerConfig() {
        return Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5,
                ProducerConfig.RETRIES_CONFIG, Integer.MAX_VALUE,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Duration.ofMinutes(2).toMillis(),
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "lz4");
    }

    private static Map<String, Object> merge(Map<String, Object> producerConfig) {
        if (!producerConfig.containsKey(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG)) {
            throw new IllegalArgumentException("EventPublisher needs " + ProducerConfig.BOOTSTRAP_SERVERS_CONFIG);
        }
        Object idempotence = producerConfig.get(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG);
        if (idempotence != null && !Boolean.parseBoolean(idempotence.toString())) {
            throw new IllegalArgumentException("EventPublisher requires an idempotent producer;"
                    + " remove enable.idempotence=false");
        }
        Map<String, Object> merged = new HashMap<>(producerConfig);
        merged.putAll(reliableProducerConfig());
        return merged;
    }

    /**
     * Publishes {@code event} to its topic under the key the topic's {@link KeyRule} gives, both taken
     * from the catalogue ({@link Topics#publishedTopicFor}). The future fails, and nothing is sent, for
     * a null event, a type producers do not publish (a derived record), or a value that cannot be encoded.
     */
    public CompletableFuture<RecordMetadata> publish(SpecificRecord event) {
        if (event == null) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("Cannot publish a null event"));
        }
        try {
            return send(topics.publishedTopicFor(event), event);
        } catch (IllegalArgumentException | SerializationException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, V value) {
        byte[] key = topic.keySerde().serializer().serialize(topic.name(), topic.keyOf(value));
        byte[] bytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        producer.send(new ProducerRecord<>(topic.name(), key, bytes), (metadata, error) -> {
            if (error != null) {
                result.completeExceptionally(error);
            } else {
                result.complete(metadata);
            }
        });
        return result;
    }

    /** Blocks until every event published so far is acknowledged or failed. */
    public void flush() {
        producer.flush();
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
