package dev.pulse.kafka.junit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;

@WithKafka
class KafkaClusterExtensionIT {

    @Test
    void shouldConsumeALikeEventBackEqualThroughTheCatalogueSerde(KafkaCluster kafka, Topics topics) {
        LikeEvent like = LikeEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setActorId("ana")
                .setAction(LikeAction.LIKE).setPostId("post-1").setPostAuthorId("bob").build();

        RecordMetadata sent;
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            sent = publisher.publish(like).join();
        }

        List<ConsumerRecord<String, LikeEvent>> read = TopicRecords.readPartition(kafka.bootstrapServers(), topics.likes(),
                sent.partition());
        assertThat(read).singleElement().satisfies(record -> {
            assertThat(record.key()).isEqualTo("bob");
            assertThat(record.value()).isEqualTo(like);
        });
    }

    @Test
    void shouldCreateTheWholeCatalogueUnderTheTestNamespace(KafkaCluster kafka, TestNamespace namespace,
                                                            Topics topics) throws Exception {
        assertThat(topics.prefix()).isEqualTo(namespace.prefix());
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            Map<String, TopicDescription> described = admin
                    .describeTopics(topics.all().stream().map(Topic::name).toList()).allTopicNames().get();

            assertThat(topics.all()).allSatisfy(topic ->
                    assertThat(described.get(topic.name()).partitions()).hasSize(topic.partitions()));
        }
    }

    @Test
    void shouldGiveEveryTestItsOwnNamespace(TestNamespace namespace) {
        assertThat(namespace.prefix()).startsWith("t").contains("shouldgiveeverytestitsownnamespace").endsWith(".");
    }
}
