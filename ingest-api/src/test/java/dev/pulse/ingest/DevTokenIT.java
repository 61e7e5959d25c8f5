package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code POST /v1/dev/token} over real HTTP: in dev mode a token the service accepts; outside it, no such path. */
@WithKafka
class DevTokenIT {

    private final String secret = HmacTokens.newSecret();

    @Test
    void shouldIssueWithoutATokenOneThatTheServiceAcceptsForThatUserAndScopes(KafkaCluster kafka, Topics topics) {
        try (RunningService service = IngestInstance.start(kafka, topics, secret, Map.of("dev.mode", "true"))) {
            IngestClient client = new IngestClient(secret, service.port());
            Instant asked = Instant.now();

            HttpResponse<String> issued = client.send("POST", "/v1/dev/token", null,
                    "{\"userId\":\"newcomer\",\"scopes\":[\"analytics\",\"events:write\"],\"minutes\":30}");

            assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
            JsonNode answer = IngestClient.body(issued);
            Instant expiresAt = Instant.parse(answer.path("expiresAt").asText());
            assertThat(Duration.between(asked, expiresAt)).isBetween(Duration.ofMinutes(29), Duration.ofMinutes(30));
            JsonNode session = IngestClient.body(client.send("GET", "/v1/session", answer.path("token").asText(), null));
            assertThat(session.path("userId").asText()).isEqualTo("newcomer");
            assertThat(session.path("scopes")).extracting(JsonNode::asText).containsExactly("analytics", "events:write");
            assertThat(Instant.parse(session.path("expiresAt").asText())).isEqualTo(expiresAt);
        }
    }

    @Test
    void shouldRefuseALifetimeOver24HoursAndABlankUser(KafkaCluster kafka, Topics topics) {
        try (RunningService service = IngestInstance.start(kafka, topics, secret, Map.of("dev.mode", "true"))) {
            IngestClient client = new IngestClient(secret, service.port());

            HttpResponse<String> response = client.send("POST", "/v1/dev/token", null,
                    "{\"userId\":\" \",\"scopes\":[\"a b\"],\"minutes\":1441}");

            JsonNode problem = Problems.assertProblem(response, 400, InvalidBody.CODE);
            assertThat(problem.path("errors")).extracting(e -> e.path("field").asText())
                    .containsExactlyInAnyOrder("/userId", "/scopes/0", "/minutes");
        }
    }

    @Test
    void shouldNotExistOutsideDevMode(KafkaCluster kafka, Topics topics) {
        try (RunningService service = IngestInstance.start(kafka, topics, secret, Map.of())) {
            IngestClient client = new IngestClient(secret, service.port());

            HttpResponse<String> response = client.send("POST", "/v1/dev/token", client.token("ana", List.of()),
                    "{\"userId\":\"ana\"}");

            Problems.assertProblem(response, 404, "not-found");
        }
    }

    @Test
    void shouldStillRequireATokenOnEveryOtherRouteInDevMode(KafkaCluster kafka, Topics topics) {
        try (RunningService service = IngestInstance.start(kafka, topics, secret, Map.of("dev.mode", "true"))) {
            IngestClient client = new IngestClient(secret, service.port());

            HttpResponse<String> response = client.send("POST", "/v1/me/inbox/read", null, "{\"type\":\"WholeInbox\"}");

            Problems.assertProblem(response, 401, "unauthorized");
        }
    }
}
