package dev.pulse.ingest;

/**
 * One thing wrong with a JSON document that was meant to be an Avro record.
 *
 * @param field   where, as a JSON pointer into the request body (e.g. {@code /events/3/postId})
 * @param message what is wrong, in words a client developer can act on
 */
public record FieldError(String field, String message) {

    /** {@code name} as one JSON-pointer reference token (RFC 6901: {@code ~} as {@code ~0}, {@code /} as {@code ~1}). */
    static String token(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }
}
