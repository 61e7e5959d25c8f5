package dev.pulse.ingest;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schemas.kafka.Topics;
import org.apache.avro.specific.SpecificRecord;

/**
 * What the ingest bench ({@code dev.pulse.ingest.bench}) needs from this package's internals, public for it
 * alone: the API's own JSON of an event (so the bench posts exactly what producers post) and the scope a
 * service token needs to post for any user.
 */
public final class BenchAccess {

    /** The scope that lets a token post events of any actor. */
    public static final String WRITE_SCOPE = EventAccess.WRITE_SCOPE;

    private final AvroJson json;

    public BenchAccess(Topics topics) {
        this.json = EventJson.of(topics);
    }

    /** {@code event} in the JSON form {@code POST /v1/events} takes. */
    public ObjectNode json(SpecificRecord event) {
        return json.write(event);
    }
}
