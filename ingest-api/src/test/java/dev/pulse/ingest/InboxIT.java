package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.WholeInbox;
import dev.pulse.schemas.kafka.Topic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@code /v1/me/inbox} over real HTTP: actions land as the caller's {@link InboxAction}s on the embedded
 * broker, reads reach a stub processor with the caller's token. That the real processor then serves them
 * is checked end to end in infra/launcher, which may depend on both.
 */
class InboxIT extends OneIngestPerTest {

    private static final String ANA = "ana";

    private final StubProcessor processor = new StubProcessor();

    @AfterEach
    void stop() {
        processor.close();
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("processor.url", processor.url());
    }

    @Test
    void shouldWriteMarkReadAsAnInboxActionOfTheCallerThatReadsBackEqual() {
        Instant before = Instant.now();

        HttpResponse<String> response = client.send("POST", "/v1/me/inbox/read", client.userToken(ANA),
                "{\"type\":\"Listed\",\"notificationIds\":[\"n-1\",\"n-2\"]}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = IngestClient.body(response).path("accepted").get(0);
        InboxAction stored = readBack(accepted);
        assertThat(stored.getOccurredAt()).isBetween(before.minusMillis(1), Instant.now());
        assertThat(stored).isEqualTo(InboxAction.newBuilder()
                .setEventId(UUID.fromString(accepted.path("eventId").asText())).setOccurredAt(stored.getOccurredAt())
                .setActorId(ANA).setAction(InboxActionKind.READ)
                .setScope(Listed.newBuilder().setNotificationIds(List.of("n-1", "n-2")).build()).build());
    }

    @Test
    void shouldArchiveOneNotificationOnDelete() {
        HttpResponse<String> response = client.send("DELETE", "/v1/me/inbox/n-7", client.userToken(ANA), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        InboxAction stored = readBack(IngestClient.body(response).path("accepted").get(0));
        assertThat(stored.getActorId()).isEqualTo(ANA);
        assertThat(stored.getAction()).isEqualTo(InboxActionKind.ARCHIVE);
        assertThat(stored.getScope()).isEqualTo(Listed.newBuilder().setNotificationIds(List.of("n-7")).build());
    }

    @Test
    void shouldArchiveOnDeleteANotificationNamedLikeARoute() {
        HttpResponse<String> response = client.send("DELETE", "/v1/me/inbox/read", client.userToken(ANA), null);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        assertThat(readBack(IngestClient.body(response).path("accepted").get(0)).getScope())
                .isEqualTo(Listed.newBuilder().setNotificationIds(List.of("read")).build());
    }

    @Test
    void shouldMarkTheWholeInboxSeen() {
        HttpResponse<String> response = client.send("POST", "/v1/me/inbox/seen", client.userToken(ANA),
                "{\"type\":\"WholeInbox\"}");

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        InboxAction stored = readBack(IngestClient.body(response).path("accepted").get(0));
        assertThat(stored.getAction()).isEqualTo(InboxActionKind.SEEN);
        assertThat(stored.getScope()).isInstanceOf(WholeInbox.class);
    }

    @Test
    void shouldListEveryProblemOfAnInvalidScopeWithItsFieldInTheBody() {
        HttpResponse<String> response = client.send("POST", "/v1/me/inbox/read", client.userToken(ANA),
                "{\"type\":\"Listed\",\"notificationIds\":[\"\"],\"colour\":\"red\"}");

        JsonNode problem = Problems.assertProblem(response, 400, InvalidBody.CODE);
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("/notificationIds/0", "/colour");
    }

    @Test
    void shouldRefuseAScopeTheActionDoesNotTake() {
        HttpResponse<String> response = client.send("POST", "/v1/me/inbox/unread", client.userToken(ANA),
                "{\"type\":\"WholeInbox\"}");

        JsonNode problem = Problems.assertProblem(response, 400, InvalidBody.CODE);
        assertThat(problem.path("errors").get(0).path("message").asText()).contains("UNREAD takes a Listed scope");
    }

    @Test
    void shouldForwardThePageWithTheCallersTokenAndKnownParametersAndRelayTheAnswer() {
        processor.answer(200, Map.of("Content-Type", "application/json", "X-Pulse-Served-By", "10.0.0.7:8081"),
                "{\"userId\":\"ana\",\"notifications\":[]}");
        String token = client.userToken(ANA);

        HttpResponse<String> response = client.send("GET", "/v1/me/inbox?limit=20&state=unread&types=LIKE,COMMENT"
                + "&before=90&userId=bob", token, null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).isEqualTo("{\"userId\":\"ana\",\"notifications\":[]}");
        assertThat(response.headers().firstValue("X-Pulse-Served-By")).hasValue("10.0.0.7:8081");
        assertThat(processor.received()).containsExactly(new StubProcessor.Received("GET",
                "/v1/users/ana/inbox?before=90&limit=20&state=unread&types=LIKE%2CCOMMENT", "Bearer " + token));
    }

    @Test
    void shouldForwardTheUnreadCountForTheTokensSubject() {
        HttpResponse<String> response = client.send("GET", "/v1/me/inbox/counts", client.userToken("ana b/c"), null);

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(processor.received()).extracting(StubProcessor.Received::pathAndQuery)
                .containsExactly("/v1/users/ana%20b%2Fc/inbox/counts");
    }

    @Test
    void shouldRelayTheProcessorsRefusalAsItIs() {
        processor.answer(503, Map.of("Content-Type", "application/problem+json", "Retry-After", "2"),
                "{\"type\":\"urn:pulse:problem:not-ready\"}");

        HttpResponse<String> response = client.send("GET", "/v1/me/inbox/counts", client.userToken(ANA), null);

        Problems.assertProblem(response, 503, "not-ready");
        assertThat(response.headers().firstValue("Retry-After")).hasValue("2");
    }

    private InboxAction readBack(JsonNode accepted) {
        Topic<String, InboxAction> topic = topics.publishedTopicFor(InboxAction.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId(ANA)
                .setScope(WholeInbox.newBuilder().build()).build());
        assertThat(accepted.path("topic").asText()).isEqualTo(topic.name());
        // The commit's markers reach the partition just after the commit returns: wait for the record to be readable.
        ConsumerRecord<String, InboxAction> stored = await().atMost(Duration.ofSeconds(10)).until(() -> TopicRecords
                .readPartition(kafka.bootstrapServers(), topic, accepted.path("partition").asInt()).stream()
                .filter(r -> r.offset() == accepted.path("offset").asLong()).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(stored.key()).isEqualTo(stored.value().getActorId());
        return stored.value();
    }
}
