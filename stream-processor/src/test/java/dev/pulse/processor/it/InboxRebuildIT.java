package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A rebuild from the log gives every user the inbox they had live, up to renumbering: the same
 * notifications (by id) saying the same, in the same states, with the same badge, although some users
 * muted a type or blocked an actor in the middle of the stream and others read, saw, archived and
 * marked unread what they had received. The live run acts as clients do, on what they received
 * after the processor committed it; the rebuild replays a copy of the inputs under a new application
 * id. Whether the seqs themselves came out the same is logged, not asserted (docs/ARCHITECTURE.md,
 * "Inbox", Epoch).
 */
@WithKafka
class InboxRebuildIT {

    private static final Logger LOG = LoggerFactory.getLogger(InboxRebuildIT.class);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final int ROUNDS = 3;
    private static final int EVENTS_PER_ROUND = 300;

    @Test
    void shouldRebuildEveryUsersInboxAsItWasLiveUpToRenumbering(KafkaCluster kafka, TestNamespace namespace,
                                                                 Topics topics, @TempDir Path dir) throws Exception {
        List<InboxRecord> live = runLive(kafka, topics, namespace.name("live"), dir.resolve("live"));
        Topics replay = Topics.withPrefix(namespace.prefix() + "replay.");
        ReplayInputs.copy(kafka, topics, replay);
        List<InboxRecord> rebuilt;
        String rebuild = namespace.name("rebuild");
        try (RunningService run = new ProcessorInstances(kafka, replay, rebuild).startHere(dir.resolve("rebuild"));
             Admin admin = Admin.create(kafka.clientConfig())) {
            CommittedInputs.awaitCaughtUp(admin, rebuild, CommittedInputs.ofInbox(replay), DEADLINE);
            rebuilt = ClientInbox.records(kafka, replay);
        }

        ExactlyOnceIT.assertGapFreePerRecipient(rebuilt);
        Map<String, ClientInbox> before = ClientInbox.fold(live);
        Map<String, ClientInbox> after = ClientInbox.fold(rebuilt);
        assertActed(before);
        List<String> renumbered = renumbered(live, rebuilt);
        LOG.info("Rebuild of {} users ({} inbox records live, {} rebuilt): {} users' records came in another order{}",
                before.size(), live.size(), rebuilt.size(), renumbered.size(),
                renumbered.isEmpty() ? "" : "; first: " + firstDifference(renumbered.getFirst(), live, rebuilt));
        assertThat(differences(before, after)).as("users whose rebuilt inbox differs from the live one").isEmpty();
    }

    /** Rounds of events, each followed by the users' actions on what they received; returns the inbox topic. */
    private static List<InboxRecord> runLive(KafkaCluster kafka, Topics topics, String application, Path stateDir)
            throws Exception {
        InboxScenario scenario = new InboxScenario(12, 30, 60);
        try (RunningService run = new ProcessorInstances(kafka, topics, application).startHere(stateDir);
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             Admin admin = Admin.create(kafka.clientConfig())) {
            for (int round = 0; round < ROUNDS; round++) {
                InboxScenario.publish(publisher, scenario.round(round, EVENTS_PER_ROUND));
                CommittedInputs.awaitCaughtUp(admin, application, CommittedInputs.ofInbox(topics), DEADLINE);
                List<InboxAction> actions = new ArrayList<>();
                ClientInbox.fold(ClientInbox.records(kafka, topics)).forEach((user, inbox) ->
                        actions.addAll(scenario.actions(user, inbox)));
                InboxScenario.publish(publisher, actions);
                CommittedInputs.awaitCaughtUp(admin, application, CommittedInputs.ofInbox(topics), DEADLINE);
            }
            return ClientInbox.records(kafka, topics);
        }
    }

    /** The scenario is not vacuous: live, some notifications ended read, some only seen, some archived. */
    private static void assertActed(Map<String, ClientInbox> inboxes) {
        List<ClientInbox.Held> all = inboxes.values().stream().flatMap(i -> i.held().values().stream()).toList();
        assertThat(all).anyMatch(h -> h.notification().getReadAt() != null)
                .anyMatch(h -> h.notification().getSeenAt() != null && h.notification().getReadAt() == null)
                .anyMatch(h -> h.notification().getArchivedAt() != null);
    }

    /** Per user whose inbox differs: which notifications only one side has, which say something else, and the badge. */
    private static List<String> differences(Map<String, ClientInbox> live, Map<String, ClientInbox> rebuilt) {
        List<String> differences = new ArrayList<>();
        for (String user : new TreeSet<>(union(live.keySet(), rebuilt.keySet()))) {
            Map<String, String> was = live.containsKey(user) ? live.get(user).contentById() : Map.of();
            Map<String, String> is = rebuilt.containsKey(user) ? rebuilt.get(user).contentById() : Map.of();
            List<String> lines = new ArrayList<>();
            for (String id : new TreeSet<>(union(was.keySet(), is.keySet()))) {
                if (!Objects.equals(was.get(id), is.get(id))) {
                    lines.add(id + ": live " + was.get(id) + " / rebuilt " + is.get(id));
                }
            }
            String badgeWas = badge(live.get(user));
            String badgeIs = badge(rebuilt.get(user));
            if (!badgeWas.equals(badgeIs)) {
                lines.add("badge: live " + badgeWas + " / rebuilt " + badgeIs);
            }
            if (!lines.isEmpty()) {
                differences.add(user + ":\n  " + String.join("\n  ", lines));
            }
        }
        return differences;
    }

    private static String badge(ClientInbox inbox) {
        return inbox == null ? "none" : "unread " + inbox.unread() + ", unseen " + inbox.unseen();
    }

    /**
     * Users whose records came in another order: what each seq stands for (a notification's version by the
     * event that made it, an action by its id) differs somewhere between the runs.
     */
    private static List<String> renumbered(List<InboxRecord> live, List<InboxRecord> rebuilt) {
        Map<String, List<String>> was = changesInSeqOrder(live);
        Map<String, List<String>> is = changesInSeqOrder(rebuilt);
        return union(was.keySet(), is.keySet()).stream().filter(u -> !Objects.equals(was.get(u), is.get(u)))
                .sorted().toList();
    }

    /** Where one user's numbering first differs: the seq and what it stands for in each run. */
    private static String firstDifference(String user, List<InboxRecord> live, List<InboxRecord> rebuilt) {
        List<String> was = changesInSeqOrder(live).getOrDefault(user, List.of());
        List<String> is = changesInSeqOrder(rebuilt).getOrDefault(user, List.of());
        int seq = 0;
        while (seq < Math.min(was.size(), is.size()) && was.get(seq).equals(is.get(seq))) {
            seq++;
        }
        return user + " at seq " + (seq + 1) + " of " + was.size() + ": live " + (seq < was.size() ? was.get(seq) : "-")
                + ", rebuilt " + (seq < is.size() ? is.get(seq) : "-");
    }

    private static Map<String, List<String>> changesInSeqOrder(List<InboxRecord> records) {
        return records.stream().collect(Collectors.groupingBy(InboxRecord::getRecipientId, TreeMap::new,
                Collectors.mapping(InboxRebuildIT::change, Collectors.toList())));
    }

    private static String change(InboxRecord record) {
        return switch (record.getChange()) {
            case NotificationIssued issued -> issued.getNotification().getType() + " "
                    + issued.getNotification().getNotificationId() + " by " + issued.getNotification().getSourceEventId();
            case NotificationWithdrawn withdrawn -> withdrawn.getNotificationId() + " withdrawn by "
                    + withdrawn.getSourceEventId();
            case StatesChanged states -> "action " + states.getActionEventId();
            default -> throw new IllegalArgumentException("Unknown inbox change " + record.getChange());
        };
    }

    private static <T> List<T> union(java.util.Collection<T> a, java.util.Collection<T> b) {
        List<T> all = new ArrayList<>(a);
        b.stream().filter(x -> !a.contains(x)).forEach(all::add);
        return all;
    }
}
