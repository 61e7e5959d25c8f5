package dev.pulse.processor;

import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeTopicsOptions;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Refuses to start when the topics keyed by user ({@code Topics.keyedByUser()}) have different
 * partition counts on the cluster (someone added partitions to one of them): Kafka Streams would run,
 * but one user's events would be counted and numbered by two tasks, giving duplicate seqs. Missing
 * topics are left to Kafka Streams' own report; a cluster that cannot answer in time is logged and
 * not waited for.
 */
final class UserTopicCheck {

    private static final Logger LOG = LoggerFactory.getLogger(UserTopicCheck.class);

    private UserTopicCheck() {
    }

    static void verify(Map<String, Object> clientConfig, Topics topics, Duration timeout) {
        List<String> names = topics.keyedByUser().stream().map(Topic::name).toList();
        Map<String, Integer> partitions = new LinkedHashMap<>();
        try (Admin admin = Admin.create(clientConfig)) {
            Map<String, KafkaFuture<TopicDescription>> described = admin.describeTopics(names,
                    new DescribeTopicsOptions().timeoutMs((int) timeout.toMillis())).topicNameValues();
            for (Map.Entry<String, KafkaFuture<TopicDescription>> topic : described.entrySet()) {
                try {
                    partitions.put(topic.getKey(), topic.getValue().get().partitions().size());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                        LOG.warn("Could not check the partition counts of the topics keyed by user: {}",
                                e.getCause().toString());
                        return;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return;
        }
        if (partitions.values().stream().distinct().count() > 1) {
            throw new IllegalStateException("The topics keyed by user must have the same number of partitions, so that"
                    + " each user's events meet in one task, but they have: " + partitions.entrySet().stream()
                    .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + ". Give them all the same count (and reprocess), or restore the catalogue's.");
        }
    }
}
