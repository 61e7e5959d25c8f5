package dev.pulse.rebuild;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;

/**
 * What must hold on the cluster before anything changes. Every input topic must exist: with a wrong
 * prefix Kafka's reset tool would skip the offsets yet still delete the internal topics, and the
 * processor would carry on from its old offsets with empty state. And the application's group must not
 * use the streams rebalance protocol: the reset tool looks for running members among classic consumer
 * groups only, so it would not see the instances of such a group and would reset under them.
 */
final class RebuildPreflight {

    private static final long TIMEOUT_SECONDS = 30;

    private RebuildPreflight() {
    }

    /** Why the rebuild must not start, one sentence each; empty when it may. */
    static List<String> refusals(Admin admin, String applicationId, List<String> inputTopics)
            throws ExecutionException, InterruptedException, TimeoutException {
        List<String> refusals = new ArrayList<>();
        missingTopics(admin, inputTopics).ifPresent(refusals::add);
        streamsProtocolGroup(admin, applicationId).ifPresent(refusals::add);
        return refusals;
    }

    private static Optional<String> missingTopics(Admin admin, List<String> inputTopics)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> missing = inputTopics.stream().filter(topic -> !existing.contains(topic)).toList();
        return missing.isEmpty() ? Optional.empty() : Optional.of("input topic(s) " + String.join(", ", missing)
                + " do not exist on this cluster: is --topic-prefix the one the processor runs under?");
    }

    private static Optional<String> streamsProtocolGroup(Admin admin, String applicationId)
            throws ExecutionException, InterruptedException, TimeoutException {
        boolean streamsGroup = admin.listGroups(ListGroupsOptions.forStreamsGroups()).all()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS).stream().map(GroupListing::groupId)
                .anyMatch(applicationId::equals);
        return streamsGroup ? Optional.of("'" + applicationId + "' runs with group.protocol=streams, whose members "
                + "Kafka's application reset tool cannot see; reset it with kafka-streams-groups.sh instead")
                : Optional.empty();
    }
}
