package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.views.InboxViews;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The per-user stream and the inbox store agree after an instance dies mid-stream: two instances
 * take a steady stream of events and of users' actions on what they received; one is killed with
 * SIGKILL while it has a transaction open on the inbox topic. Once the survivor has caught up, each
 * user's records, read with read_committed and applied in order as a client does, give exactly what
 * the query API answers for that user (every notification with its seq, the seq of its last change
 * and its states; the badge), numbered 1..n in one epoch.
 */
@WithKafka
class InboxStreamAfterKillIT {

    private static final Logger LOG = LoggerFactory.getLogger(InboxStreamAfterKillIT.class);
    private static final Duration DEADLINE = Duration.ofSeconds(60);
    private static final String VICTIM = "victim";
    private static final String SURVIVOR = "survivor";
    private static final int STEPS = 24;
    private static final int EVENTS_PER_STEP = 40;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeEveryUsersStreamAsTheStoreHoldsItAfterAKill(KafkaCluster kafka, TestNamespace namespace,
                                                               Topics topics, @TempDir Path dir) throws Exception {
        String application = namespace.name("processor");
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, application);
        Process victim = instances.with("streams.properties.client.id", VICTIM)
                .startChild(dir.resolve("victim"), dir.resolve("victim.log"));
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor();
        try (RunningService survivor = instances.with("streams.properties.client.id", SURVIVOR)
                .startHere(dir.resolve("survivor"));
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             Admin admin = Admin.create(kafka.clientConfig())) {
            Set<Integer> owned = new TaskOwners(admin, application, false)
                    .awaitSettledShare(VICTIM, SURVIVOR, topics.likes(), DEADLINE);
            AtomicInteger steps = new AtomicInteger();
            InboxScenario scenario = new InboxScenario(21, 30, 60);
            pacer.scheduleWithFixedDelay(() -> step(kafka, topics, publisher, scenario, steps), 0, 100,
                    TimeUnit.MILLISECONDS);
            await().atMost(DEADLINE).until(() -> steps.get() >= STEPS / 3);
            OpenTransactions.awaitOneWriting(admin, topics.inbox(), owned, DEADLINE);

            int stepsBeforeKill = steps.get();
            victim.destroyForcibly().waitFor();
            assertThat(stepsBeforeKill).as("killed mid-stream").isLessThan(STEPS);

            await().atMost(DEADLINE).until(() -> steps.get() == STEPS);
            CommittedInputs.awaitCaughtUp(admin, application, CommittedInputs.ofInbox(topics), Duration.ofSeconds(90));
            List<InboxRecord> records = ClientInbox.records(kafka, topics);
            ExactlyOnceIT.assertGapFreePerRecipient(records);
            Map<String, ClientInbox> clients = ClientInbox.fold(records);
            assertThat(clients).hasSizeGreaterThan(20);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> clients.forEach((user, client) ->
                    assertAnswersAsTheStream(survivor, instances.token(user), user, client)));
            assertThat(survivor.isRunning()).isTrue();
        } finally {
            pacer.shutdownNow();
            victim.destroyForcibly();
        }
    }

    /**
     * One step of the stream: events (the first three with the scenario's settings changes), or every fourth
     * step each user's actions on what they received so far. A step that fails (the broker busy with the
     * kill) is logged and tried again, since a scheduled task that throws is never run again.
     */
    private static void step(KafkaCluster kafka, Topics topics, EventPublisher publisher, InboxScenario scenario,
                             AtomicInteger steps) {
        int step = steps.get();
        if (step >= STEPS) {
            return;
        }
        try {
            publishStep(kafka, topics, publisher, scenario, step);
            steps.incrementAndGet();
        } catch (RuntimeException | AssertionError e) {
            LOG.warn("Step {} failed, trying again: {}", step, e.toString());
        }
    }

    private static void publishStep(KafkaCluster kafka, Topics topics, EventPublisher publisher,
                                    InboxScenario scenario, int step) {
        if (step % 4 == 3) {
            List<InboxAction> actions = new ArrayList<>();
            ClientInbox.fold(ClientInbox.records(kafka, topics)).forEach((user, inbox) ->
                    actions.addAll(scenario.actions(user, inbox)));
            InboxScenario.publish(publisher, actions);
        } else {
            InboxScenario.publish(publisher, scenario.round(step - step / 4, EVENTS_PER_STEP));
        }
    }

    private void assertAnswersAsTheStream(RunningService via, String token, String user, ClientInbox client) {
        String inbox = "/v1/users/" + user + "/inbox";
        InboxViews.Page listed = get(via, inbox + "?limit=200", token, InboxViews.Page.class);
        InboxViews.Page archived = get(via, inbox + "?limit=200&state=archived", token, InboxViews.Page.class);
        InboxViews.Counts counts = get(via, inbox + "/counts", token, InboxViews.Counts.class);
        Map<String, String> served = new TreeMap<>();
        listed.notifications().forEach(n -> served.put(n.notificationId(), view(n)));
        archived.notifications().forEach(n -> served.put(n.notificationId(), view(n)));
        Map<String, String> held = new TreeMap<>();
        client.held().forEach((id, h) -> held.put(id, view(h)));

        assertThat(served).as("%s's inbox as served and as applied from the stream", user).isEqualTo(held);
        assertThat(List.of(listed.epoch(), listed.lastSeq(), counts.unread(), counts.unseen())).as("%s's badge", user)
                .containsExactly(client.epoch(), client.lastSeq(), client.unread(), client.unseen());
    }

    private static String view(InboxViews.Notification n) {
        return "seq " + n.seq() + " changed " + n.changeSeq() + " seen " + n.seenAt() + " read " + n.readAt()
                + " archived " + n.archivedAt();
    }

    private static String view(ClientInbox.Held held) {
        InboxNotification n = held.notification();
        return "seq " + n.getSeq() + " changed " + held.changeSeq() + " seen " + n.getSeenAt() + " read "
                + n.getReadAt() + " archived " + n.getArchivedAt();
    }

    private <T> T get(RunningService via, String path, String token, Class<T> type) {
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token).build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as("%s: %s", path, response.body()).isEqualTo(200);
            return Json.mapper().readValue(response.body(), type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
