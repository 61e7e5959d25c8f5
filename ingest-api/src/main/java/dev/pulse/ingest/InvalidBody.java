package dev.pulse.ingest;

import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The 400 answer to a body of the inbox, settings and dev-token routes with invalid members: a
 * {@value #CODE} problem whose {@code errors} lists every problem as {@code {field, message}}, {@code field}
 * a JSON pointer into the body. Nothing was written.
 */
final class InvalidBody {

    static final String CODE = "invalid-body";

    private InvalidBody() {
    }

    /** Throws the problem when {@code errors} is not empty. */
    static void requireNone(List<FieldError> errors) {
        if (errors.isEmpty()) {
            return;
        }
        List<Map<String, String>> listed = errors.stream().map(error -> {
            Map<String, String> entry = new LinkedHashMap<>();
            entry.put("field", error.field());
            entry.put("message", error.message());
            return entry;
        }).toList();
        throw new ProblemException(Status.BAD_REQUEST_400, CODE, errors.size() + " problem(s) in the body; nothing was"
                + " written").withExtensions(Map.of("errors", listed));
    }
}
