package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input is neither fatal nor lost: it lands, unchanged, on the dead-letter topic, and processing goes on. */
@WithKafka
class DeadLetterIT {

    @Test
    void shouldParkAnUndecodableEventAndKeepCounting(KafkaCluster kafka, TestNamespace namespace, Topics topics,
                                                    @TempDir Path dir) throws Exception {
        byte[] garbage = "{\"not\": \"avro\"}".getBytes(StandardCharsets.UTF_8);
        try (RunningService processor = new ProcessorInstances(kafka, topics, namespace.name("dlq")).startHere(dir);
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientConfig(),
                     new ByteArraySerializer(), new ByteArraySerializer());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            raw.send(new ProducerRecord<>(topics.likes().name(), "p1".getBytes(StandardCharsets.UTF_8), garbage)).get();
            publisher.publish(LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setActorId("ana").setAction(LikeAction.LIKE).setPostId("p1").setPostAuthorId("bob").build()).join();

            List<ConsumerRecord<byte[], byte[]>> parked = parkedOnceCounted(kafka, topics);

            assertThat(parked).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(garbage);
                assertThat(Arrays.stream(record.headers().toArray()).map(Header::key))
                        .anyMatch(key -> key.contains("exception"));
            });
            assertThat(processor.isRunning()).isTrue();
        }
    }

    @Test
    void shouldParkAnEventKeyedByTheWrongUserWithTheReason(KafkaCluster kafka, TestNamespace namespace, Topics topics,
                                                          @TempDir Path dir) throws Exception {
        LikeEvent keyedByPost = LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId("ana").setAction(LikeAction.LIKE).setPostId("p1").setPostAuthorId("bob").build();
        byte[] value = topics.likes().valueSerde().serializer().serialize(topics.likes().name(), keyedByPost);
        try (RunningService processor = new ProcessorInstances(kafka, topics, namespace.name("misrouted")).startHere(dir);
             KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientConfig(),
                     new ByteArraySerializer(), new ByteArraySerializer());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            raw.send(new ProducerRecord<>(topics.likes().name(), "p1".getBytes(StandardCharsets.UTF_8), value)).get();
            publisher.publish(LikeEvent.newBuilder(keyedByPost).setEventId(UUID.randomUUID()).setActorId("cy").build())
                    .join();

            List<ConsumerRecord<byte[], byte[]>> parked = parkedOnceCounted(kafka, topics);

            assertThat(parked).singleElement().satisfies(record -> {
                assertThat(record.value()).isEqualTo(value);
                assertThat(Arrays.stream(record.headers().toArray())
                        .map(h -> new String(h.value(), StandardCharsets.UTF_8)))
                        .anyMatch(text -> text.contains("must be keyed by postAuthorId"));
            });
            assertThat(processor.isRunning()).isTrue();
        }
    }

    /**
     * The dead letters once both events are through. The bad event and the good one are keyed differently, so they
     * may sit on different partitions and tasks: the good one's count says nothing about the bad one's progress.
     */
    private static List<ConsumerRecord<byte[], byte[]>> parkedOnceCounted(KafkaCluster kafka, Topics topics) {
        await().atMost(Duration.ofSeconds(60)).until(() -> TopicRecords.readAll(kafka.bootstrapServers(),
                topics.postCounts()).stream().map(ConsumerRecord::value).anyMatch(c -> c.getLikes() == 1));
        return await().atMost(Duration.ofSeconds(60)).until(() -> TopicRecords.readAll(kafka.bootstrapServers(),
                topics.deadLetters()), records -> !records.isEmpty());
    }
}
