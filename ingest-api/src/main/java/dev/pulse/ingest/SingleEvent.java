package dev.pulse.ingest;

import dev.pulse.service.Json;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Writes one event the API built itself (an inbox action, a settings change) through the
 * {@link EventWriter}, and answers 202 with where it landed, in the shape of {@code POST /v1/events}'s
 * answer, only after Kafka acknowledged it.
 */
final class SingleEvent {

    private SingleEvent() {
    }

    static void write(EventWriter writer, SpecificRecord event, ServerResponse res) {
        RecordMetadata at = writer.write(List.of(event)).getFirst();
        String eventId = String.valueOf(event.get(event.getSchema().getField("eventId").pos()));
        Json.send(res, Status.ACCEPTED_202, new EventsService.Answer(
                List.of(new EventsService.Accepted(eventId, at.topic(), at.partition(), at.offset())), false));
    }
}
