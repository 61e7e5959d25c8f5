package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.Topic;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** {@code PUT /v1/users/{id}/settings} over real HTTP against the embedded broker: who may, and what lands. */
class SettingsIT extends OneIngestPerTest {

    private static final String BODY = "{\"mutedTypes\":[\"FOLLOW\"],\"blockedUserIds\":[\"troll\"]}";

    @Test
    void shouldWriteAUsersOwnSettingsThatReadBackEqual() {
        HttpResponse<String> response = client.send("PUT", "/v1/users/ana/settings", client.userToken("ana"), BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        JsonNode accepted = IngestClient.body(response).path("accepted").get(0);
        UserSettings stored = readBack(accepted);
        assertThat(stored).isEqualTo(UserSettings.newBuilder()
                .setEventId(UUID.fromString(accepted.path("eventId").asText())).setOccurredAt(stored.getOccurredAt())
                .setActorId("ana").setUserId("ana").setMutedTypes(List.of(NotificationType.FOLLOW))
                .setBlockedUserIds(List.of("troll")).build());
    }

    @Test
    void shouldRefuseAUserTokenForAnotherUsersSettings() {
        HttpResponse<String> response = client.send("PUT", "/v1/users/bob/settings", client.userToken("ana"), BODY);

        Problems.assertProblem(response, 403, "forbidden");
    }

    @Test
    void shouldLetTheAdminScopeChangeAnotherUsersSettingsAsItself() {
        String operator = client.token("operator", List.of(SettingsService.ADMIN_SCOPE));

        HttpResponse<String> response = client.send("PUT", "/v1/users/bob/settings", operator, BODY);

        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        UserSettings stored = readBack(IngestClient.body(response).path("accepted").get(0));
        assertThat(stored.getUserId()).isEqualTo("bob");
        assertThat(stored.getActorId()).isEqualTo("operator");
    }

    @Test
    void shouldListEveryProblemOfAnInvalidBody() {
        HttpResponse<String> response = client.send("PUT", "/v1/users/ana/settings", client.userToken("ana"),
                "{\"mutedTypes\":[\"LOUD\"],\"blockedUserIds\":[\"\"],\"userId\":\"bob\"}");

        JsonNode problem = Problems.assertProblem(response, 400, InvalidBody.CODE);
        assertThat(problem.path("errors")).extracting(e -> e.path("field").asText())
                .containsExactlyInAnyOrder("/mutedTypes/0", "/blockedUserIds/0", "/userId");
    }

    @Test
    void shouldAnswerARepeatedIdempotencyKeyAsARepeatAndLandTheSettingsOnce() {
        String token = client.userToken("ana");
        HttpResponse<String> first = client.send("PUT", "/v1/users/ana/settings", token, BODY, "settings-1");

        HttpResponse<String> repeat = client.send("PUT", "/v1/users/ana/settings", token, BODY, "settings-1");

        assertThat(first.statusCode()).as(first.body()).isEqualTo(202);
        assertThat(repeat.statusCode()).as(repeat.body()).isEqualTo(200);
        assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
        assertThat(IngestClient.body(repeat).path("repeat").asBoolean()).isTrue();
        assertThat(IngestClient.body(repeat).path("accepted")).isEqualTo(IngestClient.body(first).path("accepted"));
        assertThat(await().atMost(Duration.ofSeconds(10)).until(() -> TopicRecords.readAll(kafka.bootstrapServers(),
                settingsTopic()), landed -> !landed.isEmpty())).extracting(r -> r.value().getEventId())
                .containsExactly(new IdempotencyKey("ana", "settings-1").eventId(0));
    }

    private Topic<String, UserSettings> settingsTopic() {
        return topics.publishedTopicFor(UserSettings.newBuilder()
                .setEventId(UUID.randomUUID()).setOccurredAt(Instant.now()).setActorId("a").setUserId("a").build());
    }

    private UserSettings readBack(JsonNode accepted) {
        Topic<String, UserSettings> topic = settingsTopic();
        assertThat(accepted.path("topic").asText()).isEqualTo(topic.name());
        // The commit's markers reach the partition just after the commit returns: wait for the record to be readable.
        ConsumerRecord<String, UserSettings> stored = await().atMost(Duration.ofSeconds(10)).until(() -> TopicRecords
                .readPartition(kafka.bootstrapServers(), topic, accepted.path("partition").asInt()).stream()
                .filter(r -> r.offset() == accepted.path("offset").asLong()).findFirst(), Optional::isPresent).orElseThrow();
        assertThat(stored.key()).isEqualTo(stored.value().getUserId());
        return stored.value();
    }
}
