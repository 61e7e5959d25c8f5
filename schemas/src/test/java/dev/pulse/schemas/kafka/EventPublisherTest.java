package dev.pulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.SampleRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Test;

class EventPublisherTest {

    private final Topics topics = Topics.withPrefix("unit.");
    private final MockProducer<byte[], byte[]> producer =
            new MockProducer<>(true, null, new ByteArraySerializer(), new ByteArraySerializer());
    private final EventPublisher publisher = new EventPublisher(producer, topics);

    @Test
    void shouldKeyALikeByThePostsAuthorOnTheLikesTopic() {
        LikeEvent like = SampleRecords.like();

        publisher.publish(like).join();

        ProducerRecord<byte[], byte[]> sent = producer.history().getFirst();
        assertThat(sent.topic()).isEqualTo(topics.likes().name());
        assertThat(new String(sent.key())).isEqualTo(like.getPostAuthorId());
        assertThat(topics.likes().valueSerde().deserializer().deserialize(sent.topic(), sent.value())).isEqualTo(like);
    }

    @Test
    void shouldKeyAFollowByTheFollowee() {
        FollowEvent follow = FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId("ana").setAction(FollowAction.FOLLOW).setFolloweeId("bob").build();

        publisher.publish(follow).join();

        assertThat(new String(producer.history().getFirst().key())).isEqualTo("bob");
        assertThat(producer.history().getFirst().topic()).isEqualTo(topics.follows().name());
    }

    @Test
    void shouldKeyAReadByTheReader() {
        InboxAction read = SampleRecords.of(InboxAction.class);

        publisher.publish(read).join();

        assertThat(new String(producer.history().getFirst().key())).isEqualTo(read.getActorId());
        assertThat(producer.history().getFirst().topic()).isEqualTo(topics.reads().name());
    }

    @Test
    void shouldFailTheFutureOfADerivedRecordWithoutSending() {
        CompletableFuture<RecordMetadata> result = publisher.publish(SampleRecords.of(PostCounts.class));

        assertThat(result).failsWithin(Duration.ZERO).withThrowableThat()
                .withMessageContaining("Producers do not publish PostCounts");
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldFailTheFutureOfANullEventWithoutSending() {
        CompletableFuture<RecordMetadata> result = publisher.publish((LikeEvent) null);

        assertThat(result).isCompletedExceptionally();
        assertThat(producer.history()).isEmpty();
    }

    @Test
    void shouldRefuseToWeakenIdempotence() {
        Map<String, Object> config = Map.of("bootstrap.servers", "localhost:1", "enable.idempotence", "false");

        assertThatThrownBy(() -> new EventPublisher(config, topics))
                .hasMessageContaining("requires an idempotent producer");
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> new EventPublisher(Map.of(), topics)).hasMessageContaining("bootstrap.servers");
    }
}
