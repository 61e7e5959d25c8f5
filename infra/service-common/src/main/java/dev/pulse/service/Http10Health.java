package dev.pulse.service;

import io.helidon.http.DirectHandler;
import io.helidon.http.HeaderNames;
import io.helidon.http.ServerResponseHeaders;
import io.helidon.http.Status;
import java.util.Map;
import java.util.function.BooleanSupplier;

/**
 * Answers {@code GET} and {@code HEAD /health} over HTTP/1.0, which many load balancers' health checks speak, and
 * refuses every other HTTP/1.0 request with a 505 problem that says to use HTTP/1.1.
 *
 * <p>Helidon 4.3.1 (and 4.5) rejects HTTP/1.0 right after the request line, before reading headers or routing, and
 * hands the rejection to this direct handler; there is no setting that serves HTTP/1.0. So this answer is built here,
 * from {@code healthy} alone, and Helidon closes the connection after it. A HEAD answer carries
 * {@code Content-Length: 0}: Helidon sets the header from the entity, and HEAD must not have one.
 */
final class Http10Health implements DirectHandler {

    static final String HTTP_1_0 = "HTTP/1.0";

    private static final Refusal USE_HTTP_1_1 = new Refusal(Status.HTTP_VERSION_NOT_SUPPORTED_505,
            "http-version-not-supported", "HTTP/1.0 is answered only for GET and HEAD " + ServiceRoutes.HEALTH_PATH
            + "; send every other request with HTTP/1.1.");

    private final BooleanSupplier healthy;
    private final DirectHandler otherwise;

    Http10Health(BooleanSupplier healthy, DirectHandler otherwise) {
        this.healthy = healthy;
        this.otherwise = otherwise;
    }

    @Override
    public TransportResponse handle(TransportRequest request, EventType eventType, Status defaultStatus,
                                    ServerResponseHeaders responseHeaders, String message) {
        if (!HTTP_1_0.equals(request.protocolVersion())) {
            return otherwise.handle(request, eventType, defaultStatus, responseHeaders, message);
        }
        if (!isHealthCheck(request)) {
            return ProblemDirectHandler.answer(responseHeaders, USE_HTTP_1_1);
        }
        boolean up = healthy.getAsBoolean();
        TransportResponse.Builder response = TransportResponse.builder()
                .status(up ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503)
                .headers(responseHeaders)
                .header(HeaderNames.CONTENT_TYPE, "application/json")
                .header(HeaderNames.CACHE_CONTROL, "no-store");
        if (!"HEAD".equals(request.method())) {
            response.entity(Json.bytes(Map.of("status", up ? "UP" : "DOWN")));
        }
        return response.build();
    }

    private static boolean isHealthCheck(TransportRequest request) {
        String path = request.path();
        int query = path.indexOf('?');
        String bare = query < 0 ? path : path.substring(0, query);
        return ServiceRoutes.HEALTH_PATH.equals(bare)
                && ("GET".equals(request.method()) || "HEAD".equals(request.method()));
    }
}
