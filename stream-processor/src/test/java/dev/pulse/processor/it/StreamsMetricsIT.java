package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.processor.it.MetricsScrape.Sample;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A running processor's {@code /metrics} carries Kafka Streams' own series with live values, its state,
 * and the count of dead-lettered records, on the embedded broker. One processor for the class: the
 * events are published once, then each test reads the scrape for one behaviour.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class StreamsMetricsIT {

    private static final Duration DEADLINE = Duration.ofSeconds(60);

    private ProcessorInstances instances;
    private RunningService processor;
    private KafkaCluster kafka;
    private Topics topics;

    @BeforeAll
    void startAndProcessALike(KafkaCluster kafka, TestNamespace namespace, Topics topics, @TempDir Path dir) {
        this.kafka = kafka;
        this.topics = topics;
        instances = new ProcessorInstances(kafka, topics, namespace.name("metrics"));
        processor = instances.startHere(dir);
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            publisher.publish(LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setActorId("ana").setAction(LikeAction.LIKE).setPostId("p1").setPostAuthorId("bob").build())
                    .join();
        }
        await().atMost(DEADLINE).until(() -> TopicRecords.readAll(kafka.bootstrapServers(), topics.postCounts())
                .stream().map(ConsumerRecord::value).anyMatch(c -> c.getLikes() == 1));
    }

    @AfterAll
    void stop() {
        processor.close();
    }

    private MetricsScrape scrape() {
        return MetricsScrape.of(processor.port(), instances.token("ops", "metrics"));
    }

    @Test
    void shouldCountProcessedRecordsWithRateAndLatency() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            MetricsScrape scrape = scrape();
            assertThat(scrape.series("kafka_stream_thread_process_total")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.value()).isPositive());
            assertThat(scrape.series("kafka_stream_thread_process_rate")).isNotEmpty();
            assertThat(scrape.series("kafka_stream_thread_process_latency_avg")).isNotEmpty();
        });
    }

    @Test
    void shouldReportCommitLatency() {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(scrape().series("kafka_stream_thread_commit_latency_avg"))
                .isNotEmpty().allSatisfy(s -> assertThat(s.value()).isPositive()));
    }

    @Test
    void shouldReportTheLagOfEveryAssignedInputPartition() {
        await().atMost(DEADLINE).untilAsserted(() -> assertThat(scrape().series("kafka_consumer_fetch_manager_records_lag"))
                .filteredOn(s -> topics.likes().name().equals(s.labels().get("topic")))
                .isNotEmpty()
                .allSatisfy(s -> {
                    assertThat(s.labels()).containsKey("partition");
                    assertThat(s.value()).isBetween(0.0, 1.0);
                }));
    }

    @Test
    void shouldReportRestorationPerTaskAndForTheStateUpdater() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            MetricsScrape scrape = scrape();
            assertThat(scrape.series("kafka_stream_task_restore_remaining_records_total")).isNotEmpty()
                    .allSatisfy(s -> assertThat(s.value()).isZero());
            assertThat(scrape.series("kafka_stream_state_updater_active_restoring_tasks")).isNotEmpty();
        });
    }

    @Test
    void shouldShowTheApplicationRunningWithItsThreadAlive() {
        await().atMost(DEADLINE).untilAsserted(() -> {
            MetricsScrape scrape = scrape();
            assertThat(scrape.series("pulse_processor_streams_state")).hasSize(7)
                    .filteredOn(s -> s.value() == 1.0).map(s -> s.labels().get("state")).containsExactly("RUNNING");
            assertThat(scrape.series("kafka_stream_alive_stream_threads")).singleElement()
                    .extracting(Sample::value).isEqualTo(1.0);
        });
    }

    @Test
    void shouldLeaveOutSeriesKafkaOnlyRecordsAtDebugLevel() {
        MetricsScrape scrape = scrape();

        assertThat(scrape.series("kafka_stream_state_put_rate")).isEmpty();
        assertThat(scrape.series("kafka_stream_processor_node_process_total")).isEmpty();
        assertThat(scrape.series("kafka_consumer_fetch_manager_records_lead")).isEmpty();
    }

    @Test
    void shouldCountAnUndecodableRecordAsDeadLetteredInDeserialization() throws Exception {
        double before = deadLetters("deserialization");

        sendRawLike("not avro".getBytes(StandardCharsets.UTF_8));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(deadLetters("deserialization")).isEqualTo(before + 1));
    }

    @Test
    void shouldCountAWronglyKeyedRecordAsDeadLetteredInProcessing() throws Exception {
        double before = deadLetters("processing");
        LikeEvent like = LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                .setActorId("cy").setAction(LikeAction.LIKE).setPostId("p1").setPostAuthorId("bob").build();

        sendRawLike(topics.likes().valueSerde().serializer().serialize(topics.likes().name(), like));

        await().atMost(DEADLINE).untilAsserted(() -> assertThat(deadLetters("processing")).isEqualTo(before + 1));
    }

    private double deadLetters(String stage) {
        return scrape().sum("pulse_processor_dead_letters_total", "stage", stage);
    }

    /** Sends {@code value} to the likes topic keyed by the post, not by its author as the topic requires. */
    private void sendRawLike(byte[] value) throws Exception {
        try (KafkaProducer<byte[], byte[]> raw = new KafkaProducer<>(kafka.clientConfig(),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            raw.send(new ProducerRecord<>(topics.likes().name(), "p1".getBytes(StandardCharsets.UTF_8), value)).get();
        }
    }
}
