package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.kafka.Topic;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupDescription;
import org.apache.kafka.clients.admin.StreamsGroupMemberDescription;
import org.apache.kafka.clients.admin.StreamsGroupSubtopologyDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * Which partitions of a source topic each member of a Kafka Streams application holds as active
 * tasks, as the group coordinator reports it: from the consumer group under the classic rebalance
 * protocol, from the streams group under the streams protocol (KIP-1071). Members are told apart by
 * their client id ({@code client.id} prefixes every client id of an instance).
 */
final class TaskOwners {

    private static final long TIMEOUT_SECONDS = 10;

    private final Admin admin;
    private final String groupId;
    private final boolean streamsProtocol;

    TaskOwners(Admin admin, String groupId, boolean streamsProtocol) {
        this.admin = admin;
        this.groupId = groupId;
        this.streamsProtocol = streamsProtocol;
    }

    /**
     * The partitions of {@code topic} that {@code victim} runs, once {@code victim} and {@code survivor}
     * hold all of them between them and each holds some: the group has settled.
     */
    Set<Integer> awaitSettledShare(String victim, String survivor, Topic<?, ?> topic, Duration deadline) {
        AtomicReference<Set<Integer>> victims = new AtomicReference<>();
        await("both instances running tasks").atMost(deadline).pollInterval(Duration.ofMillis(500)).until(() -> {
            Set<Integer> ofVictim = activePartitions(victim, topic.name());
            Set<Integer> both = new TreeSet<>(ofVictim);
            both.addAll(activePartitions(survivor, topic.name()));
            victims.set(ofVictim);
            return !ofVictim.isEmpty() && ofVictim.size() < topic.partitions() && both.size() == topic.partitions();
        });
        return victims.get();
    }

    /** Partitions of {@code topic} in the active tasks of the members whose client id starts with {@code clientId}. */
    Set<Integer> activePartitions(String clientId, String topic) throws Exception {
        try {
            return streamsProtocol ? fromStreamsGroup(clientId, topic) : fromConsumerGroup(clientId, topic);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof GroupIdNotFoundException) {
                return Set.of();
            }
            throw e;
        }
    }

    private Set<Integer> fromConsumerGroup(String clientId, String topic) throws Exception {
        Collection<MemberDescription> members = admin.describeConsumerGroups(List.of(groupId)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(groupId).members();
        Set<Integer> partitions = new TreeSet<>();
        members.stream().filter(m -> m.clientId().startsWith(clientId))
                .flatMap(m -> m.assignment().topicPartitions().stream())
                .filter(tp -> tp.topic().equals(topic)).map(TopicPartition::partition).forEach(partitions::add);
        return partitions;
    }

    private Set<Integer> fromStreamsGroup(String clientId, String topic) throws Exception {
        StreamsGroupDescription group = admin.describeStreamsGroups(List.of(groupId)).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).get(groupId);
        Set<String> reading = new TreeSet<>();
        group.subtopologies().stream().filter(s -> s.sourceTopics().contains(topic))
                .map(StreamsGroupSubtopologyDescription::subtopologyId).forEach(reading::add);
        Set<Integer> partitions = new TreeSet<>();
        group.members().stream().filter(m -> m.clientId().startsWith(clientId))
                .map(StreamsGroupMemberDescription::assignment)
                .flatMap(a -> a.activeTasks().stream())
                .filter(t -> reading.contains(t.subtopologyId()))
                .forEach(t -> partitions.addAll(t.partitions()));
        return partitions;
    }
}
