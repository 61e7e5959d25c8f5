package dev.pulse.service;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.function.BooleanSupplier;

/**
 * Answers every request Helidon refuses outside routing (malformed request lines and headers, unsupported
 * versions, too-large requests, failures of the connection loop) with a problem body instead of Helidon's empty
 * one. Helidon writes the answer and closes the connection itself.
 *
 * <p>A client that closes the connection half-way through its headers reaches here as an internal error; Helidon
 * would then log a WARNING with a stack trace. {@code readingHeaders} (true on the connection's thread while a
 * request's headers are incomplete) turns it into a 400, which Helidon does not log.
 */
final class ProblemDirectHandler implements DirectHandler {

    private final BooleanSupplier readingHeaders;

    ProblemDirectHandler(BooleanSupplier readingHeaders) {
        this.readingHeaders = readingHeaders;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        return answer(responseHeaders, refusal(request, eventType, defaultStatus, message));
    }

    /** The response for {@code refusal}, keeping headers Helidon or the exception asked for. */
    static TransportResponse answer(ServerResponseHeaders responseHeaders, Refusal refusal) {
        TransportResponse.Builder response = TransportResponse.builder()
                .status(refusal.status())
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, Problem.CONTENT_TYPE);
        if (refusal.status() == Status.SERVICE_UNAVAILABLE_503) {
            response.header(HeaderNames.RETRY_AFTER, "1");
        }
        return response.entity(Json.bytes(Problem.of(refusal.status(), refusal.code(), refusal.detail(), null)))
                .build();
    }

    private Refusal refusal(TransportRequest request, EventType eventType, Status defaultStatus, String message) {
        if (eventType == EventType.INTERNAL_ERROR && readingHeaders.getAsBoolean()) {
            return Refusal.INCOMPLETE_HEADERS;
        }
        return Refusal.of(defaultStatus, message, request);
    }
}
