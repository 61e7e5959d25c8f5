package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.processor.topology.PulseTopology;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits until a whole stream processor application has done all its work: every input topic and every
 * repartition topic of its own committed to its end, and no end moved since. Under exactly-once every
 * output commits with the input offsets it came from, so a read_committed reader then sees every
 * output, including those a repartition hop away. Precise where waiting for an output topic to stop
 * growing can only guess, and it answers as soon as the work is done instead of seconds later.
 *
 * <p>Why two looks: one look reads the ends, then finds the committed offsets at or past them; the next
 * look finds the same ends. Everything on the sources by the first look was consumed by the commit
 * check, and nothing was written to a source in between, so nothing was left to do.
 */
final class QuietApplication {

    private static final long CALL_SECONDS = 10;

    private QuietApplication() {
    }

    static void awaitDone(Admin admin, String applicationId, Topics topics, Duration deadline) {
        List<String> inputs = PulseTopology.inputTopics(topics);
        AtomicReference<Map<TopicPartition, Long>> previousEnds = new AtomicReference<>(Map.of());
        AtomicBoolean previousCaughtUp = new AtomicBoolean(false);
        await("application " + applicationId + " did all its work").atMost(deadline)
                .pollInterval(Duration.ofMillis(200)).until(() -> {
                    Map<TopicPartition, Long> ends = ends(admin, applicationId, inputs);
                    boolean quiet = previousCaughtUp.get() && ends.equals(previousEnds.getAndSet(ends));
                    previousCaughtUp.set(committedTo(admin, applicationId, ends));
                    return quiet;
                });
    }

    /** The end offset of every partition the application reads: the inputs and its repartition topics. */
    private static Map<TopicPartition, Long> ends(Admin admin, String applicationId, List<String> inputs)
            throws Exception {
        List<String> repartition = admin.listTopics().names().get(CALL_SECONDS, TimeUnit.SECONDS).stream()
                .filter(name -> name.startsWith(applicationId + "-") && name.endsWith("-repartition")).toList();
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        admin.describeTopics(Stream.concat(inputs.stream(), repartition.stream()).toList()).allTopicNames()
                .get(CALL_SECONDS, TimeUnit.SECONDS).forEach((name, description) -> description.partitions()
                        .forEach(p -> request.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> ends = new HashMap<>();
        admin.listOffsets(request).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                .forEach((tp, info) -> ends.put(tp, info.offset()));
        return ends;
    }

    private static boolean committedTo(Admin admin, String applicationId, Map<TopicPartition, Long> ends)
            throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(applicationId)
                .partitionsToOffsetAndMetadata().get(CALL_SECONDS, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> e.getValue() == 0
                || committed.get(e.getKey()) != null && committed.get(e.getKey()).offset() >= e.getValue());
    }
}
