package dev.pulse.service;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;
import java.util.Map;

/**
 * An RFC 9457 problem body: every HTTP error of every service is one of these, with a stable
 * {@code type} ({@code urn:pulse:problem:<code>}) that clients can switch on, and optional extension
 * members (e.g. the list of invalid fields).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonPropertyOrder({"type", "title", "status", "detail", "instance"})
public record Problem(String type, String title, int status, String detail, String instance,
                      @JsonAnyGetter Map<String, Object> extensions) {

    public static final String CONTENT_TYPE = "application/problem+json";
    public static final String TYPE_PREFIX = "urn:pulse:problem:";

    public Problem {
        extensions = extensions == null ? Map.of() : Map.copyOf(extensions);
    }

    public static Problem of(Status status, String code, String detail, String instance) {
        return of(status, code, detail, instance, Map.of());
    }

    public static Problem of(Status status, String code, String detail, String instance, Map<String, Object> extensions) {
        return new Problem(TYPE_PREFIX + code, status.reasonPhrase(), status.code(), detail, instance, extensions);
    }

    /** Sends the problem with its status and content type. */
    public static void send(ServerResponse res, Status status, String code, String detail, String instance) {
        Json.send(res, status, CONTENT_TYPE, of(status, code, detail, instance));
    }

    /** Sends {@code problem} with its status, headers and content type. */
    public static void send(ServerResponse res, ProblemException problem, String instance) {
        problem.headers().forEach(res::header);
        Json.send(res, problem.status(), CONTENT_TYPE,
                of(problem.status(), problem.code(), problem.getMessage(), instance, problem.extensions()));
    }
}
