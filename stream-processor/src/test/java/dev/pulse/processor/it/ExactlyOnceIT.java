package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two processor instances under a steady stream; one is killed with SIGKILL halfway. Every count
 * must still equal an independent recount and every user's notifications must be numbered 1..n
 * with no gap and no duplicate, read as a read_committed consumer sees them.
 */
@WithKafka
class ExactlyOnceIT {

    private static final Duration CONVERGENCE = Duration.ofSeconds(120);

    @Test
    void shouldStayExactWhenAnInstanceDiesMidStream(KafkaCluster kafka, TestNamespace namespace, Topics topics,
                                                    @TempDir Path dir) throws Exception {
        EventScript script = new EventScript(42, 4_000, 40, 25);
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, namespace.name("processor"));
        Path childLog = dir.resolve("child.log");
        Process child = instances.startChild(dir.resolve("state-b"), childLog);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (RunningService survivor = instances.startHere(dir.resolve("state-a"));
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             Admin admin = Admin.create(kafka.clientConfig())) {
            await().atMost(Duration.ofSeconds(60)).until(() -> activeMembers(admin, namespace.name("processor")) == 2);
            AtomicInteger published = new AtomicInteger();
            int chunk = 50;
            pacer.scheduleAtFixedRate(() -> {
                int from = published.get();
                if (from < script.events.size()) {
                    int to = Math.min(from + chunk, script.events.size());
                    script.publish(publisher, from, to);
                    published.set(to);
                }
            }, 0, 25, TimeUnit.MILLISECONDS);
            await().atMost(Duration.ofSeconds(60)).until(() -> published.get() >= script.events.size() * 2 / 5
                    && !TopicRecords.readPartition(kafka.bootstrapServers(), topics.inbox(), 0).isEmpty());

            child.destroyForcibly().waitFor();

            await().atMost(Duration.ofSeconds(60)).until(() -> published.get() == script.events.size());
            awaitCounts(kafka, topics, script);
            List<InboxRecord> notifications = awaitAllNotifications(kafka, namespace.name("processor"), topics);
            assertGapFreePerRecipient(notifications);
            assertThat(survivor.isRunning()).isTrue();
        } finally {
            pacer.shutdownNow();
            child.destroyForcibly();
        }
    }

    /** Members of the application's consumer group that hold partitions. */
    private static long activeMembers(Admin admin, String groupId) throws Exception {
        return admin.describeConsumerGroups(List.of(groupId)).all().get().get(groupId).members().stream()
                .filter(m -> !m.assignment().topicPartitions().isEmpty()).count();
    }

    static void awaitCounts(KafkaCluster kafka, Topics topics, EventScript script) {
        Map<String, List<Long>> expectedPosts = toLists(script.expectedPostCounts());
        Map<String, List<Long>> expectedUsers = toLists(script.expectedUserCounts());
        await().atMost(CONVERGENCE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            Map<String, List<Long>> posts = latest(TopicRecords.readAll(kafka.bootstrapServers(), topics.postCounts()),
                    c -> List.of(c.getLikes(), c.getComments()));
            Map<String, List<Long>> users = latest(TopicRecords.readAll(kafka.bootstrapServers(), topics.userCounts()),
                    c -> List.of(c.getFollowers(), c.getFollowing(), c.getLikesReceived()));
            assertThat(withoutZeros(posts)).isEqualTo(withoutZeros(expectedPosts));
            assertThat(withoutZeros(users)).isEqualTo(withoutZeros(expectedUsers));
        });
    }

    /** Waits until the application has done all its work (see {@link QuietApplication}), and returns the inbox. */
    static List<InboxRecord> awaitAllNotifications(KafkaCluster kafka, String applicationId, Topics topics) {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            QuietApplication.awaitDone(admin, applicationId, topics, CONVERGENCE);
        }
        List<InboxRecord> all = TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream()
                .map(ConsumerRecord::value).toList();
        assertThat(all).as("notifications of " + applicationId).isNotEmpty();
        return all;
    }

    /** Every recipient's records are numbered 1..n in one epoch, and no event issued a notification twice. */
    static void assertGapFreePerRecipient(List<InboxRecord> records) {
        Map<String, List<InboxRecord>> byRecipient = records.stream()
                .collect(Collectors.groupingBy(InboxRecord::getRecipientId, TreeMap::new, Collectors.toList()));
        assertThat(byRecipient).isNotEmpty();
        byRecipient.forEach((recipient, list) -> {
            List<Long> seqs = list.stream().map(InboxRecord::getSeq).toList();
            assertThat(seqs).as("seqs of %s", recipient)
                    .containsExactlyElementsOf(LongStream.rangeClosed(1, list.size()).boxed().toList());
            assertThat(list.stream().map(InboxRecord::getEpoch).distinct()).as("epochs of %s", recipient).hasSize(1);
            Set<String> versions = new HashSet<>();
            list.stream().filter(r -> r.getChange() instanceof NotificationIssued)
                    .map(r -> ((NotificationIssued) r.getChange()).getNotification())
                    .forEach(n -> assertThat(versions.add(n.getNotificationId() + "|" + n.getSourceEventId()))
                            .as("notification of %s issued twice for event %s", recipient, n.getSourceEventId())
                            .isTrue());
        });
    }

    private static <V> Map<String, List<Long>> latest(List<ConsumerRecord<String, V>> records,
                                                      Function<V, List<Long>> counts) {
        Map<String, List<Long>> latest = new HashMap<>();
        records.forEach(r -> latest.put(r.key(), counts.apply(r.value())));
        return latest;
    }

    private static Map<String, List<Long>> toLists(Map<String, long[]> counts) {
        Map<String, List<Long>> lists = new HashMap<>();
        counts.forEach((k, v) -> lists.put(k, LongStream.of(v).boxed().toList()));
        return lists;
    }

    private static Map<String, List<Long>> withoutZeros(Map<String, List<Long>> counts) {
        Map<String, List<Long>> nonZero = new TreeMap<>();
        counts.forEach((k, v) -> {
            if (v.stream().anyMatch(c -> c != 0)) {
                nonZero.put(k, v);
            }
        });
        return nonZero;
    }
}
