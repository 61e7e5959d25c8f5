package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.service.DerivedIds;
import dev.pulse.service.ProblemException;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.webserver.http.ServerRequest;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Optional;
import java.util.UUID;

/**
 * A caller's {@code Idempotency-Key} header: the same key from the same caller (the token's {@code sub})
 * names the same request. Each event of such a request that carries no {@code eventId} of its own gets one
 * derived from the caller, the key and the event's index in the request ({@link #eventId}), so a repeat
 * carries the same event ids and the processor's event-id dedup drops it, on any node and after a restart.
 * An explicit {@code eventId} wins. The caller is part of the name: two callers using the same key never
 * share an event id.
 *
 * @param caller the token's {@code sub}
 * @param key    the header's value: 1 to {@value #MAX_CHARS} printable ASCII characters
 */
record IdempotencyKey(String caller, String key) {

    static final HeaderName HEADER = HeaderNames.create("Idempotency-Key");
    /** Sent with an answer this node replayed from its record of an earlier request. */
    static final HeaderName REPLAYED = HeaderNames.create("Idempotent-Replayed");
    static final int MAX_CHARS = 255;
    /** Names this derivation; a new derivation would take a new one, so old and new ids never meet. */
    private static final String NAMESPACE = "pulse:ingest:idempotency-key:v2";

    /** The header of {@code req} for {@code caller}, if sent; a 400 problem naming the header if malformed. */
    static Optional<IdempotencyKey> read(ServerRequest req, String caller) {
        if (!req.headers().contains(HEADER)) {
            return Optional.empty();
        }
        Header header = req.headers().get(HEADER);
        if (header.valueCount() > 1) {
            throw invalid("send it once");
        }
        String key = header.get();
        if (key.isEmpty() || key.length() > MAX_CHARS || !key.chars().allMatch(c -> c >= 0x20 && c <= 0x7e)) {
            throw invalid("it must be 1 to " + MAX_CHARS + " printable ASCII characters, e.g. a UUID");
        }
        return Optional.of(new IdempotencyKey(caller, key));
    }

    private static ProblemException invalid(String why) {
        return ProblemException.badRequest("the " + HEADER.defaultCase() + " header is invalid: " + why);
    }

    /**
     * The event id of the event at {@code index}: named by the caller, the key and the index within this
     * derivation's namespace ({@link DerivedIds}).
     */
    UUID eventId(int index) {
        return DerivedIds.of(NAMESPACE, caller, key, Integer.toString(index));
    }

    /** Puts the derived {@code eventId} into every event object of {@code body} that has none. */
    void fillEventIds(JsonNode body) {
        JsonNode events = body.get(EventBatch.EVENTS);
        if (events == null) {
            fill(body, 0);
        } else if (events.isArray()) {
            for (int i = 0; i < events.size(); i++) {
                fill(events.get(i), i);
            }
        }
    }

    private void fill(JsonNode event, int index) {
        if (event instanceof ObjectNode object && !object.has("eventId")) {
            object.put("eventId", eventId(index).toString());
        }
    }

    static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
