package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The log is the truth: the same events reprocessed from offset 0 with no local state give the same
 * counts and the same notifications. The replay runs on a copy of the input topics (same keys, same
 * partitions, same order) under another prefix, with a new application id and an empty state dir.
 */
@WithKafka
class ReplayIT {

    @Test
    void shouldRebuildTheSameCountsAndNotificationsFromOffsetZero(KafkaCluster kafka, TestNamespace namespace,
                                                                 Topics topics, @TempDir Path dir) throws Exception {
        EventScript script = new EventScript(7, 2_000, 30, 20);
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            script.publish(publisher, 0, script.events.size());
        }
        List<InboxRecord> first;
        try (RunningService run = new ProcessorInstances(kafka, topics, namespace.name("first"))
                .startHere(dir.resolve("first"))) {
            ExactlyOnceIT.awaitCounts(kafka, topics, script);
            first = ExactlyOnceIT.awaitAllNotifications(kafka, namespace.name("first"), topics);
        }

        Topics replay = Topics.withPrefix(namespace.prefix() + "replay.");
        ReplayInputs.copy(kafka, topics, replay);
        List<InboxRecord> second;
        try (RunningService run = new ProcessorInstances(kafka, replay, namespace.name("replay"))
                .startHere(dir.resolve("replay"))) {
            ExactlyOnceIT.awaitCounts(kafka, replay, script);
            second = ExactlyOnceIT.awaitAllNotifications(kafka, namespace.name("replay"), replay);
        }

        ExactlyOnceIT.assertGapFreePerRecipient(second);
        assertThat(contentByRecipient(second)).isEqualTo(contentByRecipient(first));
        assertThat(latestCounts(kafka, replay.postCounts())).isEqualTo(latestCounts(kafka, topics.postCounts()));
        assertThat(latestCounts(kafka, replay.userCounts())).isEqualTo(latestCounts(kafka, topics.userCounts()));
    }

    /**
     * Per recipient, what each notification says, version by version, by notification id (the id of the
     * event that opened it, which survives renumbering). Across notifications the order (and so the seq)
     * may differ between runs: requests from different input partitions interleave by timing; within
     * one notification they come from one partition and are deterministic.
     */
    private static Map<String, Map<String, List<String>>> contentByRecipient(List<InboxRecord> records) {
        return records.stream().collect(Collectors.groupingBy(InboxRecord::getRecipientId, TreeMap::new,
                Collectors.groupingBy(ReplayIT::notificationId, TreeMap::new,
                        Collectors.mapping(ReplayIT::content, Collectors.toList()))));
    }

    private static String notificationId(InboxRecord record) {
        return switch (record.getChange()) {
            case NotificationIssued issued -> issued.getNotification().getNotificationId();
            case NotificationWithdrawn withdrawn -> withdrawn.getNotificationId();
            case StatesChanged states -> "states " + states.getActionEventId();
            default -> throw new IllegalArgumentException("Unknown inbox change " + record.getChange());
        };
    }

    private static String content(InboxRecord record) {
        return switch (record.getChange()) {
            case NotificationIssued issued -> issued.getNotification().getType() + " "
                    + issued.getNotification().getActorCount() + " " + issued.getNotification().getActorIds() + " "
                    + issued.getNotification().getSourceEventId();
            case NotificationWithdrawn withdrawn -> "withdrawn by " + withdrawn.getSourceEventId();
            default -> record.getChange().toString();
        };
    }

    private static <V> Map<String, String> latestCounts(KafkaCluster kafka, Topic<String, V> topic) {
        Map<String, String> latest = new TreeMap<>();
        TopicRecords.readAll(kafka.bootstrapServers(), topic).forEach(r -> latest.put(r.key(), r.value().toString()));
        return latest;
    }
}
