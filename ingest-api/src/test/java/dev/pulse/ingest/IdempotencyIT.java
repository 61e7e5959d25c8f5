package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.service.Problem;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code Idempotency-Key} on {@code POST /v1/events} over real HTTP against the embedded broker. */
class IdempotencyIT extends OneIngestPerTest {

    @Test
    void shouldAnswerARepeatFromTheFirstAnswerAndLandNothingNew() {
        JsonNode body = likeWithoutEventId();
        String key = UUID.randomUUID().toString();
        HttpResponse<String> first = client.post(client.userToken(EventFixtures.ACTOR), body, key);

        HttpResponse<String> repeat = client.post(client.userToken(EventFixtures.ACTOR), body, key);

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(IngestClient.body(repeat).path("repeat").asBoolean()).isTrue();
        assertThat(IngestClient.body(repeat).path("accepted")).isEqualTo(IngestClient.body(first).path("accepted"));
        assertThat(likesLanded()).hasSize(1);
    }

    @Test
    void shouldDeriveTheEventIdFromTheCallerAndTheKey() {
        HttpResponse<String> response = client.post(client.userToken(EventFixtures.ACTOR), likeWithoutEventId(), "k-1");

        String eventId = IngestClient.body(response).path("accepted").get(0).path("eventId").asText();
        assertThat(eventId).isEqualTo(new IdempotencyKey(EventFixtures.ACTOR, "k-1").eventId(0).toString());
        assertThat(likesLanded()).extracting(like -> like.getEventId().toString()).containsExactly(eventId);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBodyWith422() {
        client.post(client.userToken(EventFixtures.ACTOR), likeWithoutEventId(), "k-2");
        JsonNode other = likeWithoutEventId();
        ((ObjectNode) other.path("events").get(0)).put("postId", "another-post");

        HttpResponse<String> response = client.post(client.userToken(EventFixtures.ACTOR), other, "k-2");

        assertProblem(response, 422, IdempotencyRecords.REUSED);
        assertThat(likesLanded()).hasSize(1);
    }

    @Test
    void shouldRefuseTheSameKeyOnAnotherWriteRouteWith422() {
        String token = client.userToken(EventFixtures.ACTOR);
        client.post(token, likeWithoutEventId(), "k-4");

        HttpResponse<String> response = client.send("POST", "/v1/me/inbox/read", token, "{\"type\":\"WholeInbox\"}", "k-4");

        assertProblem(response, 422, IdempotencyRecords.REUSED);
    }

    @Test
    void shouldAnswerARepeatedInboxActionFromTheFirstAnswer() {
        String token = client.userToken(EventFixtures.ACTOR);
        HttpResponse<String> first = client.send("DELETE", "/v1/me/inbox/n-1", token, null, "k-5");

        HttpResponse<String> repeat = client.send("DELETE", "/v1/me/inbox/n-1", token, null, "k-5");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(IngestClient.body(first).path("accepted").get(0).path("eventId").asText())
                .isEqualTo(new IdempotencyKey(EventFixtures.ACTOR, "k-5").eventId(0).toString());
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(IngestClient.body(repeat).path("accepted")).isEqualTo(IngestClient.body(first).path("accepted"));
    }

    @Test
    void shouldRefuseAKeyOverTheLengthLimitNamingTheHeader() {
        HttpResponse<String> response = client.post(client.userToken(EventFixtures.ACTOR), likeWithoutEventId(),
                "x".repeat(IdempotencyKey.MAX_CHARS + 1));

        assertThat(assertProblem(response, 400, "invalid-request").path("detail").asText()).contains("Idempotency-Key");
    }

    @Test
    void shouldCountAcceptedAndRepeatedEventsOnMetrics() {
        JsonNode body = likeWithoutEventId();
        client.post(client.userToken(EventFixtures.ACTOR), body, "k-3");
        client.post(client.userToken(EventFixtures.ACTOR), body, "k-3");

        String scrape = client.get("/metrics", client.token("prometheus", "metrics")).body();

        assertThat(scrape).contains("pulse_ingest_events_accepted_total{route=\"events\",service=\"ingest-api\",topic=\""
                + topics.likes().name() + "\"} 1.0");
        assertThat(scrape).contains("pulse_ingest_events_rejected_total{reason=\"repeat\",route=\"events\",service=\"ingest-api\"} 1.0");
    }

    /** A batch of one like by the fixtures' actor, with no eventId: the key derives it. */
    private JsonNode likeWithoutEventId() {
        JsonNode body = client.batch(List.of(EventFixtures.like(LikeAction.LIKE)));
        ((ObjectNode) body.path("events").get(0)).remove("eventId");
        return body;
    }

    private List<LikeEvent> likesLanded() {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.likes()).stream()
                .map(ConsumerRecord::value).toList();
    }

    private static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = IngestClient.body(response);
        assertThat(problem.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
        return problem;
    }
}
