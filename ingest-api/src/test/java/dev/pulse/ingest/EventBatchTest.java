package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import dev.pulse.service.ProblemException;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EventBatchTest {

    private final AvroJson json = EventJson.of(Topics.standard());

    @Test
    void shouldRefuseAnInboxActionWhoseScopeDoesNotFitIt() throws Exception {
        String body = "{\"events\": [{\"type\": \"InboxAction\", \"actorId\": \"ana\", \"action\": \"READ\","
                + " \"scope\": {\"type\": \"WholeInbox\"}}, {\"type\": \"InboxAction\", \"actorId\": \"ana\","
                + " \"action\": \"UNREAD\", \"scope\": {\"type\": \"WholeInbox\"}}]}";

        assertThatThrownBy(() -> EventBatch.read(Json.mapper().readTree(body), json, 10))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.extensions())
                        .containsEntry("errors", List.of(Map.of("index", 1, "field", "/events/1/scope",
                                "message", "UNREAD takes a Listed scope: name the notifications to mark unread"))));
    }
}
