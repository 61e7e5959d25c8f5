package dev.pulse.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The rebuild command against a real broker and a real processor: after it, the processor recomputes
 * from the log exactly the counts it had (not doubled, not left as they were) and recreates its internal
 * topics; while an instance runs, the command changes nothing.
 */
@WithKafka
class RebuildProcessorIT {

    private static final Duration DEADLINE = Duration.ofSeconds(45);
    private static final Instant START = Instant.parse("2026-11-30T08:00:00Z");

    /** Likes and comments per post, from the events below. */
    private static final Map<String, List<Long>> POST_COUNTS = Map.of("p1", List.of(2L, 1L), "p2", List.of(1L, 0L));
    /** Followers, following and likes received per user. */
    private static final Map<String, List<Long>> USER_COUNTS = Map.of("bob", List.of(2L, 0L, 3L),
            "ana", List.of(0L, 1L, 0L), "cy", List.of(0L, 1L, 0L));

    private Admin admin;
    private ByteArrayOutputStream out;
    private ByteArrayOutputStream err;

    @BeforeEach
    void setUp(KafkaCluster kafka, Topics topics) {
        admin = Admin.create(kafka.clientConfig());
        out = new ByteArrayOutputStream();
        err = new ByteArrayOutputStream();
        publishEvents(kafka, topics);
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void shouldRebuildTheSameCountsAndRecreateTheInternalTopics(KafkaCluster kafka, TestNamespace namespace,
                                                                Topics topics, @TempDir Path stateDir) throws Exception {
        String app = namespace.name("processor");
        Set<String> internalTopics;
        try (RunningService first = ProcessorInstance.start(kafka, topics, app, stateDir)) {
            awaitCounts(kafka, topics, Map.of(), Map.of());
            internalTopics = internalTopicsOf(app);
        }
        Map<Integer, Long> postsSeen = lastOffsets(kafka, topics.postCounts());
        Map<Integer, Long> usersSeen = lastOffsets(kafka, topics.userCounts());
        awaitNoMembers(app);

        int exit = rebuild(kafka, topics, app, "--state-dir", stateDir.toString());

        assertThat(exit).as(output()).isEqualTo(RebuildProcessor.EXIT_OK);
        assertThat(output()).contains("Deleting inferred internal topics").contains("Wiped the local state");
        assertThat(internalTopicsOf(app)).isEmpty();
        assertThat(stateDir.resolve(app)).doesNotExist();
        try (RunningService second = ProcessorInstance.start(kafka, topics, app, stateDir)) {
            awaitCounts(kafka, topics, postsSeen, usersSeen);
            await().atMost(DEADLINE).untilAsserted(() -> assertThat(internalTopicsOf(app)).isEqualTo(internalTopics));
        }
        List<InboxRecord> firsts = firstSeqsOf(kafka, topics, "bob");
        assertThat(firsts).as("bob's seq 1, once per run").hasSize(2);
        assertThat(firsts.get(1).getEpoch()).as("a rebuilt inbox's epoch").isNotEqualTo(firsts.get(0).getEpoch());
    }

    @Test
    void shouldRefuseAndChangeNothingWhileAnInstanceRuns(KafkaCluster kafka, TestNamespace namespace, Topics topics,
                                                         @TempDir Path stateDir) throws Exception {
        String app = namespace.name("processor");
        try (RunningService running = ProcessorInstance.start(kafka, topics, app, stateDir)) {
            awaitCounts(kafka, topics, Map.of(), Map.of());
            Set<String> internalTopics = internalTopicsOf(app);

            int exit = rebuild(kafka, topics, app);

            assertThat(exit).as(output()).isEqualTo(RebuildProcessor.EXIT_REFUSED);
            assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused: stream processor '" + app
                    + "' is still running").contains("Consumer group '" + app + "' is still active");
            assertThat(internalTopicsOf(app)).isEqualTo(internalTopics).isNotEmpty();
            assertThat(running.isRunning()).isTrue();
        }
    }

    private int rebuild(KafkaCluster kafka, Topics topics, String app, String... more) {
        List<String> args = new ArrayList<>(List.of("--bootstrap-servers", kafka.bootstrapServers(),
                "--topic-prefix", topics.prefix(), "--application-id", app));
        args.addAll(List.of(more));
        return RebuildProcessor.run(args.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    /** Waits until the counts written after the given offsets are exactly the expected ones. */
    private static void awaitCounts(KafkaCluster kafka, Topics topics, Map<Integer, Long> postsSeen,
                                    Map<Integer, Long> usersSeen) {
        await().atMost(DEADLINE).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            assertThat(latestAfter(kafka, topics.postCounts(), postsSeen, (PostCounts c) ->
                    List.of(c.getLikes(), c.getComments()))).isEqualTo(POST_COUNTS);
            assertThat(latestAfter(kafka, topics.userCounts(), usersSeen, (UserCounts c) ->
                    List.of(c.getFollowers(), c.getFollowing(), c.getLikesReceived()))).isEqualTo(USER_COUNTS);
        });
    }

    private static <V> Map<String, List<Long>> latestAfter(KafkaCluster kafka, Topic<String, V> topic,
                                                           Map<Integer, Long> seen, Function<V, List<Long>> counts) {
        Map<String, List<Long>> latest = new HashMap<>();
        TopicRecords.readAll(kafka.bootstrapServers(), topic).stream()
                .filter(r -> r.offset() > seen.getOrDefault(r.partition(), -1L))
                .forEach(r -> latest.put(r.key(), counts.apply(r.value())));
        return latest;
    }

    private static <V> Map<Integer, Long> lastOffsets(KafkaCluster kafka, Topic<String, V> topic) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topic).stream()
                .collect(Collectors.toMap(ConsumerRecord::partition, ConsumerRecord::offset, Math::max));
    }

    private static List<InboxRecord> firstSeqsOf(KafkaCluster kafka, Topics topics, String recipient) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream()
                .map(ConsumerRecord::value)
                .filter(n -> n.getRecipientId().equals(recipient) && n.getSeq() == 1).toList();
    }

    private Set<String> internalTopicsOf(String app) throws Exception {
        return admin.listTopics().names().get().stream()
                .filter(name -> name.startsWith(app + "-"))
                .filter(name -> name.endsWith("-changelog") || name.endsWith("-repartition"))
                .collect(Collectors.toSet());
    }

    /** A stopped instance stays a member of the group until its session times out. */
    private void awaitNoMembers(String app) {
        await().atMost(DEADLINE).until(() -> admin.describeConsumerGroups(List.of(app)).all().get().get(app)
                .members().isEmpty());
    }

    private static void publishEvents(KafkaCluster kafka, Topics topics) {
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            CompletableFuture.allOf(
                    publisher.publish(like("ana", "p1", LikeAction.LIKE, 1)),
                    publisher.publish(like("cy", "p1", LikeAction.LIKE, 2)),
                    publisher.publish(like("dee", "p1", LikeAction.LIKE, 3)),
                    publisher.publish(like("cy", "p1", LikeAction.UNLIKE, 4)),
                    publisher.publish(like("ana", "p2", LikeAction.LIKE, 5)),
                    publisher.publish(CommentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(6))
                            .setActorId("ana").setAction(CommentAction.ADDED).setPostId("p1").setPostAuthorId("bob")
                            .setCommentId("c1").setText("nice").build()),
                    publisher.publish(follow("ana", 7)),
                    publisher.publish(follow("cy", 8))).join();
        }
    }

    private static LikeEvent like(String actor, String post, LikeAction action, int second) {
        return LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(actor)
                .setAction(action).setPostId(post).setPostAuthorId("bob").build();
    }

    private static FollowEvent follow(String follower, int second) {
        return FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at(second)).setActorId(follower)
                .setAction(FollowAction.FOLLOW).setFolloweeId("bob").build();
    }

    private static Instant at(int second) {
        return START.plusSeconds(second);
    }
}
