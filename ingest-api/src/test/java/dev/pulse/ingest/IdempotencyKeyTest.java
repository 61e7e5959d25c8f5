package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.Json;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class IdempotencyKeyTest {

    private final IdempotencyKey ana = new IdempotencyKey("ana", "order-42");

    @Test
    void shouldDeriveTheSameEventIdFromTheSameCallerKeyAndIndex() {
        assertThat(ana.eventId(3)).isEqualTo(new IdempotencyKey("ana", "order-42").eventId(3));
    }

    @Test
    void shouldDeriveAnotherEventIdForAnotherCallerWithTheSameKey() {
        assertThat(ana.eventId(0)).isNotEqualTo(new IdempotencyKey("bob", "order-42").eventId(0));
    }

    @Test
    void shouldDeriveAnotherEventIdForAnotherKeyOrIndex() {
        assertThat(ana.eventId(0)).isNotEqualTo(new IdempotencyKey("ana", "order-43").eventId(0))
                .isNotEqualTo(ana.eventId(1));
    }

    @Test
    void shouldNotConfuseWhereTheCallerEndsAndTheKeyBegins() {
        assertThat(new IdempotencyKey("ab", "c").eventId(0)).isNotEqualTo(new IdempotencyKey("a", "bc").eventId(0));
    }

    @Test
    void shouldDeriveAVersion8RfcVariantUuid() {
        UUID id = ana.eventId(0);

        assertThat(id.version()).isEqualTo(8);
        assertThat(id.variant()).isEqualTo(2);
    }

    @Test
    void shouldFillEveryEventWithoutAnIdAndKeepAnExplicitOne() throws Exception {
        JsonNode body = Json.mapper().readTree("{\"events\": [{\"type\": \"LikeEvent\"},"
                + " {\"type\": \"LikeEvent\", \"eventId\": \"explicit\"}, {\"type\": \"LikeEvent\"}]}");

        ana.fillEventIds(body);

        assertThat(body.path("events")).extracting(e -> e.path("eventId").asText())
                .containsExactly(ana.eventId(0).toString(), "explicit", ana.eventId(2).toString());
    }

    @Test
    void shouldFillASingleEventAsIndexZero() throws Exception {
        JsonNode body = Json.mapper().readTree("{\"type\": \"LikeEvent\"}");

        ana.fillEventIds(body);

        assertThat(body.path("eventId").asText()).isEqualTo(ana.eventId(0).toString());
    }
}
