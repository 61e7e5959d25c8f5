package dev.pulse.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The mass-reconnect drill: every client's connection is cut at once while events keep coming; all
 * reconnect to another node with their epoch and last seq, and each ends gap-free by the resume rule.
 * {@code -Dpulse.drill.clients=5000} runs the drill (scripts/drill-reconnect.sh); the suite runs
 * it small.
 */
@WithKafka
class MassReconnectIT {

    private static final Logger LOG = LoggerFactory.getLogger(MassReconnectIT.class);
    private static final int CLIENTS = Integer.getInteger("pulse.drill.clients", 200);
    private static final int BUSY_USERS = 20;
    private static final Duration DEADLINE = Duration.ofSeconds(Math.max(60, CLIENTS / 20));

    @Test
    void shouldReconnectEveryCutClientGapFree(KafkaCluster kafka, Topics topics, TestNamespace namespace,
                                              @TempDir Path dir) throws Exception {
        Pipeline pipeline = new Pipeline(kafka, topics);
        try (RunningService processor = pipeline.processor(dir, namespace.name("processor"));
             RunningService nodeA = pipeline.edge(processor, Map.of("edge.user.connections.max", "10"));
             RunningService nodeB = pipeline.edge(processor, Map.of());
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            List<WsClient> first = connectAll(nodeA, pipeline, i -> "");
            LikeStream likes = new LikeStream(publisher, 50, Duration.ofMillis(20),
                    IntStream.range(0, BUSY_USERS).mapToObj(MassReconnectIT::user).toArray(String[]::new));
            await().atMost(DEADLINE).until(() -> first.stream().limit(BUSY_USERS)
                    .allMatch(c -> c.frames().stream().anyMatch(f -> f.has("seq") && f.has("epoch"))));

            long cutAt = System.nanoTime();
            first.forEach(WsClient::cut);
            List<WsClient> second = connectAll(nodeB, pipeline, i -> first.get(i).resumeQuery());
            double reconnectSeconds = (System.nanoTime() - cutAt) / 1e9;
            long queryCalls = WsWatchIT.stats(nodeB, pipeline).get("queryCalls").asLong();
            LOG.info("Drill: {} clients reconnected with resume in {} s; node B asked the query API {} times",
                    CLIENTS, String.format("%.2f", reconnectSeconds), queryCalls);

            likes.close();
            Map<String, List<InboxRecord>> topic = await().atMost(DEADLINE).until(() -> inboxes(kafka, topics),
                    inboxes -> IntStream.range(0, BUSY_USERS).allMatch(i -> second.get(i).lastInboxSeq()
                            == inboxes.getOrDefault(user(i), List.of()).stream().mapToLong(InboxRecord::getSeq)
                            .max().orElse(-1)));
            for (int i = 0; i < CLIENTS; i++) {
                List<JsonNode> frames = new ArrayList<>(first.get(i).frames());
                frames.addAll(second.get(i).frames());
                long startedAfter = first.get(i).frames("hello").getFirst().get("lastSeq").asLong();
                assertThat(ResumeRule.violations(topic.getOrDefault(user(i), List.of()), frames, startedAfter))
                        .as(user(i)).isEmpty();
            }
            assertThat(queryCalls).isLessThan(3L * CLIENTS);
            second.forEach(WsClient::close);
        }
    }

    /**
     * Connects every client and waits for its hello; a client closed with 1013 (the node could not
     * resume it then) connects again with the same resume point, as the protocol tells clients to.
     */
    private static List<WsClient> connectAll(RunningService node, Pipeline pipeline,
                                             java.util.function.IntFunction<String> query) {
        WsClient[] clients = new WsClient[CLIENTS];
        List<Integer> pending = IntStream.range(0, CLIENTS).boxed().toList();
        long deadline = System.nanoTime() + DEADLINE.toNanos();
        while (!pending.isEmpty()) {
            assertThat(System.nanoTime()).as("%d clients still not resumed", pending.size()).isLessThan(deadline);
            List<CompletableFuture<WsClient>> connecting = pending.stream()
                    .map(i -> WsClient.connectAsync(node.port(), query.apply(i), pipeline.token(user(i)))).toList();
            for (int k = 0; k < pending.size(); k++) {
                clients[pending.get(k)] = connecting.get(k).join();
            }
            List<WsClient> started = pending.stream().map(i -> clients[i]).toList();
            await().atMost(DEADLINE).until(() -> started.stream()
                    .allMatch(c -> !c.frames("hello").isEmpty() || c.closed().isDone()));
            pending = pending.stream().filter(i -> clients[i].frames("hello").isEmpty()).toList();
            if (!pending.isEmpty()) {
                LOG.info("{} clients closed before their hello ({}); they connect again", pending.size(),
                        pending.stream().map(i -> clients[i].closed().getNow(0)).distinct().toList());
            }
        }
        return List.of(clients);
    }

    private static String user(int i) {
        return "u" + i;
    }


    private static Map<String, List<InboxRecord>> inboxes(KafkaCluster kafka, Topics topics) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream().map(ConsumerRecord::value)
                .collect(Collectors.groupingBy(InboxRecord::getRecipientId));
    }
}
