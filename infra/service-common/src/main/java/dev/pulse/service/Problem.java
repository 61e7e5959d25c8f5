package dev.pulse.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * An RFC 9457 problem body: every HTTP error of every service is one of these, with a stable
 * {@code type} ({@code urn:pulse:problem:<code>}) that clients can switch on.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(String type, String title, int status, String detail, String instance) {

    public static final String CONTENT_TYPE = "application/problem+json";

    public static Problem of(Status status, String code, String detail, String instance) {
        return new Problem("urn:pulse:problem:" + code, status.reasonPhrase(), status.code(), detail, instance);
    }

    /** Sends the problem with its status and content type. */
    public static void send(ServerResponse res, Status status, String code, String detail, String instance) {
        Json.send(res, status, CONTENT_TYPE, of(status, code, detail, instance));
    }
}
