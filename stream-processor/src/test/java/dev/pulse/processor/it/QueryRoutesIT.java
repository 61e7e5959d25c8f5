package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * Two instances share the partitions; every key answers the same, correct count through either,
 * forwarded to its owner when needed. Also the API's access rules and its scatter-gather top list.
 */
@WithKafka
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class QueryRoutesIT {

    private final HttpClient http = HttpClient.newHttpClient();
    private EventScript script;
    private ProcessorInstances instances;
    private RunningService a;
    private RunningService b;

    @BeforeAll
    void startTwoInstances(KafkaCluster kafka, TestNamespace namespace, Topics topics, @TempDir Path dir) {
        script = new EventScript(11, 1_500, 30, 24);
        instances = new ProcessorInstances(kafka, topics, namespace.name("queries"));
        a = instances.startHere(dir.resolve("a"));
        b = instances.startHere(dir.resolve("b"));
        try (EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics)) {
            script.publish(publisher, 0, script.events.size());
        }
        ExactlyOnceIT.awaitCounts(kafka, topics, script);
        await().atMost(Duration.ofSeconds(60)).until(() -> get(a, "/v1/posts/p0/counts", analyst()).statusCode() == 200
                && get(b, "/v1/posts/p0/counts", analyst()).statusCode() == 200);
    }

    @AfterAll
    void stop() {
        b.close();
        a.close();
    }

    private String analyst() {
        return instances.token("analyst", "analytics");
    }

    @Test
    void shouldAnswerEveryPostThroughEitherInstanceWithTheRecount() throws Exception {
        Map<String, long[]> expected = script.expectedPostCounts();
        boolean forwarded = false;
        for (int p = 0; p < 24; p++) {
            String post = "p" + p;
            long[] counts = expected.getOrDefault(post, new long[2]);
            for (RunningService via : List.of(a, b)) {
                HttpResponse<String> response = get(via, "/v1/posts/" + post + "/counts", analyst());
                JsonNode body = Json.mapper().readTree(response.body());
                assertThat(response.statusCode()).isEqualTo(200);
                assertThat(body.path("likes").asLong()).as("likes of %s via %d", post, via.port()).isEqualTo(counts[0]);
                assertThat(body.path("comments").asLong()).isEqualTo(counts[1]);
                forwarded |= !response.headers().firstValue("X-Pulse-Served-By").orElseThrow().endsWith(":" + via.port());
            }
        }
        assertThat(forwarded).as("some keys are owned by the other instance").isTrue();
    }

    @Test
    void shouldAnswerABatchOfUsersAcrossInstances() throws Exception {
        Map<String, long[]> expected = script.expectedUserCounts();
        List<String> ids = IntStream.range(0, 30).mapToObj(i -> "u" + i).toList();

        HttpResponse<String> response = post(a, "/v1/counts/users", analyst(), Map.of("ids", ids));

        JsonNode counts = Json.mapper().readTree(response.body()).path("counts");
        assertThat(counts).hasSize(30);
        for (JsonNode user : counts) {
            long[] want = expected.getOrDefault(user.path("userId").asText(), new long[3]);
            assertThat(List.of(user.path("followers").asLong(), user.path("following").asLong(),
                    user.path("likesReceived").asLong())).as(user.toString()).containsExactly(want[0], want[1], want[2]);
        }
    }

    @Test
    void shouldMergeTheTopPostsOfEveryInstance() throws Exception {
        Map<String, long[]> expected = script.expectedPostCounts();
        List<String> want = expected.entrySet().stream()
                .sorted((x, y) -> x.getValue()[0] != y.getValue()[0] ? Long.compare(y.getValue()[0], x.getValue()[0])
                        : x.getKey().compareTo(y.getKey()))
                .limit(5).map(Map.Entry::getKey).toList();

        JsonNode posts = Json.mapper().readTree(get(b, "/v1/posts/top?n=5", analyst()).body()).path("posts");

        assertThat(posts.findValuesAsText("postId")).containsExactlyElementsOf(want);
    }

    @Test
    void shouldLetAnyUserReadOnePostsCountsButOnlyAnalystsABatch() {
        HttpResponse<String> one = get(a, "/v1/posts/p1/counts", instances.token("u1"));
        HttpResponse<String> batch = post(a, "/v1/counts/posts", instances.token("u1"), Map.of("ids", List.of("p1")));

        assertThat(one.statusCode()).isEqualTo(200);
        assertThat(batch.statusCode()).isEqualTo(403);
        assertThat(batch.body()).contains("urn:pulse:problem:forbidden");
    }

    @Test
    void shouldLetAUserReadOnlyTheirOwnBadge() {
        assertThat(get(b, "/v1/users/u3/inbox/counts", instances.token("u3")).statusCode()).isEqualTo(200);
        assertThat(get(b, "/v1/users/u4/inbox/counts", instances.token("u3")).statusCode()).isEqualTo(403);
    }

    @Test
    void shouldReturnAUsersInboxWithABadgeThatCountsIt() throws Exception {
        JsonNode page = json(get(a, "/v1/users/u0/inbox?limit=200", instances.token("u0")));

        assertThat(page.path("notifications").size()).isPositive();
        assertThat(page.path("nextBefore").isNull()).isTrue();
        assertThat(page.path("unread").asLong()).isEqualTo(page.path("notifications").size());
        assertThat(page.path("epoch").asText()).isNotBlank();
    }

    @Test
    void shouldPageThroughAnInboxOnEitherInstanceNewestFirst() throws Exception {
        for (String user : List.of("u0", "u1", "u2", "u5")) {
            List<Long> whole = seqs(json(get(a, "/v1/users/" + user + "/inbox?limit=200", instances.token(user))));
            List<Long> paged = new java.util.ArrayList<>();
            String cursor = "";
            for (int page = 0; page < 100 && cursor != null; page++) {
                JsonNode answer = json(get(page % 2 == 0 ? a : b, "/v1/users/" + user + "/inbox?limit=3" + cursor,
                        instances.token(user)));
                paged.addAll(seqs(answer));
                cursor = answer.path("nextBefore").isNull() ? null : "&before=" + answer.path("nextBefore").asLong();
            }
            assertThat(paged).as("pages of %s", user).isEqualTo(whole).isSortedAccordingTo(
                    java.util.Comparator.reverseOrder());
        }
    }

    @Test
    void shouldGiveEveryNotificationToAClientResumingFromZero() throws Exception {
        JsonNode page = json(get(a, "/v1/users/u0/inbox?limit=200", instances.token("u0")));

        JsonNode changes = json(get(b, "/v1/users/u0/inbox/changes?after=0&epoch=" + page.path("epoch").asText(),
                instances.token("u0")));

        assertThat(changes.path("reset").asBoolean()).isFalse();
        assertThat(changes.path("notifications").size()).isEqualTo(page.path("notifications").size());
        assertThat(changes.path("unread").asLong()).isEqualTo(page.path("unread").asLong());
    }

    @Test
    void shouldResetAClientOfAnotherEpoch() throws Exception {
        JsonNode changes = json(get(b, "/v1/users/u0/inbox/changes?after=3&epoch=not-this-one", instances.token("u0")));

        assertThat(changes.path("reset").asBoolean()).isTrue();
        assertThat(changes.path("notifications").size()).isZero();
    }

    @Test
    void shouldRefuseASeqBeyondTheRangeInsteadOfWrappingAround() {
        HttpResponse<String> response = get(a, "/v1/users/u0/inbox?after=9223372036854775807",
                instances.token("u0"));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("'after' must be a whole number from 0 to 9007199254740991");
    }

    @Test
    void shouldReturnNothingAfterTheLargestSeq() throws Exception {
        JsonNode page = json(get(a, "/v1/users/u0/inbox?after=9007199254740990", instances.token("u0")));

        assertThat(page.path("notifications").size()).isZero();
    }

    @Test
    void shouldRejectABatchOfMoreThanAThousandIds() {
        List<String> ids = IntStream.range(0, 1_001).mapToObj(i -> "p" + i).toList();

        HttpResponse<String> response = post(a, "/v1/counts/posts", analyst(), Map.of("ids", ids));

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("urn:pulse:problem:invalid-request");
    }

    @Test
    void shouldServeTheOpenApiDocumentWithoutAToken() {
        HttpResponse<String> response = get(a, "/openapi.yaml", null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("/v1/users/{userId}/inbox");
    }

    private static JsonNode json(HttpResponse<String> response) throws java.io.IOException {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body());
    }

    private static List<Long> seqs(JsonNode page) {
        List<Long> seqs = new java.util.ArrayList<>();
        page.path("notifications").forEach(n -> seqs.add(n.path("seq").asLong()));
        return seqs;
    }

    private HttpResponse<String> get(RunningService via, String path, String token) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.port() + path))
                .timeout(Duration.ofSeconds(10));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return send(request.build());
    }

    private HttpResponse<String> post(RunningService via, String path, String token, Object body) {
        try {
            return send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + via.port() + path))
                    .timeout(Duration.ofSeconds(10)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.mapper().writeValueAsBytes(body))).build());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
