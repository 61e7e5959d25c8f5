package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.kafka.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListTransactionsOptions;
import org.apache.kafka.clients.admin.TransactionDescription;
import org.apache.kafka.clients.admin.TransactionListing;
import org.apache.kafka.clients.admin.TransactionState;
import org.apache.kafka.common.TopicPartition;

/**
 * Waits for a moment when an instance has a transaction open, so that a kill lands inside it, as it
 * does under real traffic: the survivor then also waits for the broker to abort that transaction,
 * which a kill between two transactions (likely at the probe's light load) would hide.
 */
final class OpenTransactions {

    private static final long CALL_SECONDS = 10;

    private OpenTransactions() {
    }

    /** Returns once the broker reports an ongoing transaction that has written to one of these partitions. */
    static void awaitOneWriting(Admin admin, Topic<?, ?> topic, Set<Integer> partitionNumbers, Duration deadline) {
        List<TopicPartition> partitions = partitionNumbers.stream().map(p -> new TopicPartition(topic.name(), p))
                .toList();
        await("a transaction open on " + partitions).atMost(deadline).pollDelay(Duration.ZERO)
                .pollInterval(Duration.ofMillis(5)).until(() -> ongoing(admin).stream()
                        .anyMatch(t -> t.topicPartitions().stream().anyMatch(partitions::contains)));
    }

    private static Collection<TransactionDescription> ongoing(Admin admin) throws Exception {
        List<String> ids = admin.listTransactions(new ListTransactionsOptions()
                        .filterStates(List.of(TransactionState.ONGOING))).all().get(CALL_SECONDS, TimeUnit.SECONDS)
                .stream().map(TransactionListing::transactionalId).toList();
        return admin.describeTransactions(ids).all().get(CALL_SECONDS, TimeUnit.SECONDS).values().stream()
                .filter(t -> t.state() == TransactionState.ONGOING).toList();
    }
}
