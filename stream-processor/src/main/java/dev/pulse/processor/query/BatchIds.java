package dev.pulse.processor.query;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.JsonBody;
import dev.pulse.service.ProblemException;
import io.helidon.webserver.http.ServerRequest;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of a counts batch, {@code {"ids": [...]}}: read from a request with its limits (400 beyond
 * them), and written as the body forwarded to the instance owning some of the ids.
 */
record BatchIds(List<String> ids) {

    static final int MAX_BATCH = 1_000;
    static final int MAX_ID_LENGTH = 256;
    /** A batch of the largest ids, quoted and separated, fits. */
    static final long MAX_BATCH_BYTES = (long) MAX_BATCH * (MAX_ID_LENGTH + 4) + 64;

    /** The request's distinct ids, in their order. */
    static BatchIds read(ServerRequest req) {
        JsonNode ids = JsonBody.read(req, MAX_BATCH_BYTES).path("ids");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_BATCH) {
            throw ProblemException.badRequest("body must be {\"ids\": [...]} with 1 to " + MAX_BATCH + " ids");
        }
        List<String> list = new ArrayList<>();
        ids.forEach(id -> {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_LENGTH) {
                throw ProblemException.badRequest("every id must be a non-empty string of at most " + MAX_ID_LENGTH
                        + " characters");
            }
            list.add(id.asText());
        });
        return new BatchIds(list.stream().distinct().toList());
    }
}
