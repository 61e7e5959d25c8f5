package dev.pulse.schemas.kafka;

import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.ReadEvent;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.UserSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Publishes domain events for services that speak Kafka: one typed method per event, the key and
 * topic taken from the catalogue, and an idempotent producer (acks=all, retries without
 * duplicates or reordering), so a retried send never counts twice. Thread-safe.
 */
public final class EventPublisher implements AutoCloseable {

    private final Producer<byte[], byte[]> producer;
    private final Topics topics;

    /**
     * @param producerConfig at least {@code bootstrap.servers}; the settings of
     *                       {@link #reliableProducerConfig()} are applied on top and cannot be weakened
     */
    public EventPublisher(Map<String, Object> producerConfig, Topics topics) {
        this(new KafkaProducer<>(merge(producerConfig), new ByteArraySerializer(), new ByteArraySerializer()),
                topics);
    }

    /** Publishes through an existing producer, which must be configured idempotent by the caller. */
    public EventPublisher(Producer<byte[], byte[]> producer, Topics topics) {
        this.producer = Objects.requireNonNull(producer, "producer");
        this.topics = Objects.requireNonNull(topics, "topics");
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

    public CompletableFuture<RecordMetadata> publish(LikeEvent event) {
        return send(topics.likes(), event == null ? null : event.getPostAuthorId(), event);
    }

    public CompletableFuture<RecordMetadata> publish(CommentEvent event) {
        return send(topics.comments(), event == null ? null : event.getPostAuthorId(), event);
    }

    public CompletableFuture<RecordMetadata> publish(FollowEvent event) {
        return send(topics.follows(), event == null ? null : event.getFolloweeId(), event);
    }

    public CompletableFuture<RecordMetadata> publish(DirectMessage event) {
        return send(topics.messages(), event == null ? null : event.getConversationId(), event);
    }

    public CompletableFuture<RecordMetadata> publish(ReadEvent event) {
        return send(topics.reads(), event == null ? null : event.getActorId(), event);
    }

    public CompletableFuture<RecordMetadata> publish(UserSettings settings) {
        return send(topics.userSettings(), settings == null ? null : settings.getUserId(), settings);
    }

    public CompletableFuture<RecordMetadata> publish(Signal signal) {
        return send(topics.signals(), signal == null ? null : signal.getRecipientId(), signal);
    }

    private <V> CompletableFuture<RecordMetadata> send(Topic<String, V> topic, String key, V value) {
        CompletableFuture<RecordMetadata> result = new CompletableFuture<>();
        if (value == null || key == null) {
            result.completeExceptionally(new IllegalArgumentException(
                    "Cannot publish to " + topic.name() + ": " + (value == null ? "the event is null" : "its key is null")));
            return result;
        }
        byte[] keyBytes;
        byte[] valueBytes;
        try {
            keyBytes = topic.keySerde().serializer().serialize(topic.name(), key);
            valueBytes = topic.valueSerde().serializer().serialize(topic.name(), value);
        } catch (SerializationException e) {
            result.completeExceptionally(e);
            return result;
        }
        producer.send(new ProducerRecord<>(topic.name(), keyBytes, valueBytes), (metadata, error) -> {
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
