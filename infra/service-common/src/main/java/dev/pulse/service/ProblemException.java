package dev.pulse.service;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A request the service refuses, thrown from any handler: the shared routing answers it as a problem+json
 * body with {@code status}, the stable {@code urn:pulse:problem:<code>} type and {@code detail}, plus any
 * headers it carries (e.g. {@code Retry-After}, {@code Allow}). No service writes its own error classes.
 */
public final class ProblemException extends RuntimeException {

    private final transient Status status;
    private final String code;
    private final transient List<Header> headers;
    private final transient Map<String, Object> extensions;

    public ProblemException(Status status, String code, String detail) {
        this(status, code, detail, List.of(), Map.of(), null);
    }

    private ProblemException(Status status, String code, String detail, List<Header> headers,
                             Map<String, Object> extensions, Throwable cause) {
        super(detail, cause, false, false);
        this.status = status;
        this.code = code;
        this.headers = List.copyOf(headers);
        this.extensions = Map.copyOf(extensions);
    }

    /** 400: the request is malformed or a parameter is out of range. */
    public static ProblemException badRequest(String detail) {
        return new ProblemException(Status.BAD_REQUEST_400, "invalid-request", detail);
    }

    /** 403: the token is valid but does not allow this. */
    public static ProblemException forbidden(String detail) {
        return new ProblemException(Status.FORBIDDEN_403, "forbidden", detail);
    }

    /** 503 with {@code Retry-After}: the service cannot answer correctly right now. */
    public static ProblemException unavailable(String code, String detail, Duration retryAfter) {
        return new ProblemException(Status.SERVICE_UNAVAILABLE_503, code, detail)
                .withHeader(HeaderValues.create(HeaderNames.RETRY_AFTER, Long.toString(Math.max(1, retryAfter.toSeconds()))));
    }

    /** A copy that also sends {@code header}. */
    public ProblemException withHeader(Header header) {
        List<Header> more = new ArrayList<>(headers);
        more.add(header);
        return new ProblemException(status, code, getMessage(), more, extensions, getCause());
    }

    /** A copy whose body carries {@code extensions} as extra members (RFC 9457 extension members). */
    public ProblemException withExtensions(Map<String, Object> more) {
        return new ProblemException(status, code, getMessage(), headers, more, getCause());
    }

    /** A copy that keeps {@code cause} for the log; the client never sees it. */
    public ProblemException causedBy(Throwable cause) {
        return new ProblemException(status, code, getMessage(), headers, extensions, cause);
    }

    public Status status() {
        return status;
    }

    public String code() {
        return code;
    }

    public List<Header> headers() {
        return headers;
    }

    public Map<String, Object> extensions() {
        return extensions;
    }
}
