package dev.pulse.service;

/**
 * Recognises a chunked request body whose chunk size is not hexadecimal. Helidon 4.3.1 (and 4.5) parses the size
 * with {@code Integer.parseUnsignedInt} while a handler reads the body, so the {@link NumberFormatException} reaches
 * the routing's error handler, which would answer 500 and log an ERROR for what is the client's mistake.
 */
public final class MalformedChunkedBody {

    /** A detail for the 400 problem, naming the fix. */
    public static final String DETAIL = "The chunked request body is malformed: each chunk must start with its size"
            + " in hexadecimal.";

    private static final String CHUNK_READER = "io.helidon.webserver.http1.Http1Connection";

    private MalformedChunkedBody() {
    }

    /** Whether {@code failure} is Helidon failing to read a chunk size of the request being handled. */
    public static boolean isMalformedChunk(Throwable failure) {
        return failure instanceof NumberFormatException
                && ServerConnectionFrames.origin(failure)
                        .map(frame -> frame.getClassName().equals(CHUNK_READER))
                        .orElse(false);
    }
}
