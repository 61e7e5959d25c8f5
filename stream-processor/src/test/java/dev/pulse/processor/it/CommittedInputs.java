package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a Kafka Streams application has consumed and committed everything on some of its input
 * topics. Under exactly-once the input offsets commit in the same transaction as the outputs, so from
 * then on a read_committed reader sees every output of those inputs: a precise "caught up", where
 * waiting for an output topic to stop growing can only guess. Only for outputs that need no
 * repartition hop (the inbox, from events other than messages).
 */
final class CommittedInputs {

    private static final long CALL_SECONDS = 10;

    private CommittedInputs() {
    }

    /** The inputs of an inbox without messages, all read in the user's task. */
    static List<Topic<?, ?>> ofInbox(Topics topics) {
        return List.of(topics.likes(), topics.comments(), topics.follows(), topics.reads(), topics.userSettings());
    }

    static void awaitCaughtUp(Admin admin, String applicationId, List<Topic<?, ?>> inputs, Duration deadline) {
        await("application " + applicationId + " committed its inputs").atMost(deadline)
                .pollInterval(Duration.ofMillis(200)).until(() -> committedToTheEnd(admin, applicationId, inputs));
    }

    private static boolean committedToTheEnd(Admin admin, String applicationId, List<Topic<?, ?>> inputs)
            throws Exception {
        // Ends first, committed second: committed at or past an end means everything published before the check is in.
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        inputs.forEach(topic -> IntStream.range(0, topic.partitions())
                .forEach(p -> request.put(new TopicPartition(topic.name(), p), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(CALL_SECONDS, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
    }
}
