package dev.pulse.service;

import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.HttpException;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing every service shares around its own routes: CORS, bearer authentication (all but
 * {@code /health}, {@code /openapi.yaml}, {@code OPTIONS} and what a service allows without a token), request metrics and {@code GET /metrics},
 * {@code GET /health}, {@code GET /v1/session} (who the token says you are), the service's OpenAPI document, and problem bodies for every error:
 * {@link ProblemException}s, unknown paths (404), known paths with another method (405 with
 * {@code Allow}), and failures (500, logged, internals hidden). Used by each service's {@code main}
 * and by its tests alike.
 */
public final class ServiceRoutes {

    public static final String HEALTH_PATH = "/health";
    public static final String SESSION_PATH = "/v1/session";
    /** Where a service serves its OpenAPI document ({@code openapi/<service>.yaml} on its classpath); public. */
    public static final String OPENAPI_PATH = "/openapi.yaml";
    /** Scope a token needs to scrape {@code /metrics}. */
    public static final String METRICS_SCOPE = "metrics";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRoutes.class);

    private ServiceRoutes() {
    }

    /**
     * What the shared routes need.
     *
     * @param checks      named health checks; {@code /health} is 200 when all are up, else 503
     * @param corsOrigins browser origins allowed to call the API
     * @param metrics     the service's meters, scraped at {@code /metrics} by a token with the {@code metrics} scope
     */
    public record Shared(String serviceName, JwtVerifier verifier, Map<String, HealthCheck> checks,
                         List<String> corsOrigins, ServiceMetrics metrics) {

        public Shared {
            checks = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(checks));
            corsOrigins = List.copyOf(corsOrigins);
        }
    }

    /** Adds the shared routes, filters and error handlers around {@code serviceRoutes}. */
    public static void routing(HttpRouting.Builder routing, Shared shared, Consumer<Routes> serviceRoutes) {
        Routes routes = new Routes(routing, shared.metrics().registry());
        routing.addFilter(shared.metrics().httpFilter())
                .addFilter(new CorsFilter(shared.corsOrigins(), routes))
                .addFilter(new BearerAuthFilter(shared.verifier(), routes::isPublic));
        routes.allowWithoutToken(HEALTH_PATH).allowWithoutToken(OPENAPI_PATH);
        routes.get(HEALTH_PATH, (req, res) -> health(req, res, shared))
                .get(SESSION_PATH, ServiceRoutes::session)
                .get(ServiceMetrics.PATH, (req, res) -> {
                    if (!BearerAuthFilter.principal(req).hasScope(METRICS_SCOPE)) {
                        throw ProblemException.forbidden("reading metrics needs the '" + METRICS_SCOPE + "' scope");
                    }
                    shared.metrics().scrape(req, res);
                });
        openApi(shared.serviceName()).ifPresent(document -> routes.get(OPENAPI_PATH, (req, res) -> {
            res.header(HeaderNames.CONTENT_TYPE, "application/yaml");
            res.send(document);
        }));
        serviceRoutes.accept(routes);
        routing.any((req, res) -> unrouted(req, res, routes));
        errors(routing, shared.serviceName());
    }

    /**
     * The error handlers: a {@link ProblemException} as its problem; Helidon's HTTP errors as
     * {@code http-<status>}; a client that left mid-request, or sent a malformed chunked body, as a 400
     * logged once at DEBUG without a trace (the connection is gone or unusable); anything else as a
     * 500 logged at ERROR with its trace, internals kept out of the body.
     */
    static void errors(HttpRouting.Builder routing, String serviceName) {
        routing.error(ProblemException.class, (req, res, e) -> send(req, res, e))
                .error(HttpException.class, (req, res, e) -> send(req, res, new ProblemException(e.status(),
                        "http-" + e.status().code(), e.getMessage())))
                .error(Exception.class, (req, res, e) -> failed(req, res, e, serviceName));
    }

    private static void failed(ServerRequest req, ServerResponse res, Exception e, String serviceName) {
        String method = req.prologue().method().text();
        if (ClientDisconnect.isDisconnect(e) || MalformedChunkedBody.isMalformedChunk(e)) {
            LOG.debug("{}: {} {} ended early: {}", serviceName, method, wholePath(req), e.toString());
            res.header(HeaderValues.CONNECTION_CLOSE);
            send(req, res, ClientDisconnect.isDisconnect(e)
                    ? new ProblemException(Status.BAD_REQUEST_400, ClientDisconnect.CODE, ClientDisconnect.DETAIL)
                    : new ProblemException(Status.BAD_REQUEST_400, "bad-request", MalformedChunkedBody.DETAIL));
            return;
        }
        LOG.error("{} failed on {} {}", serviceName, method, wholePath(req), e);
        send(req, res, new ProblemException(Status.INTERNAL_SERVER_ERROR_500, "internal",
                "The server failed to handle this request; it has been logged."));
    }

    /** Sends {@code problem} as the answer to {@code req}; a HEAD request gets its status and headers only. */
    public static void send(ServerRequest req, ServerResponse res, ProblemException problem) {
        if (req.prologue().method().equals(Method.HEAD)) {
            res.streamFilter(body -> OutputStream.nullOutputStream());
        }
        Problem.send(res, problem, wholePath(req));
    }

    /**
     * The request's whole path: inside a service registered under a path ({@link Routes#register}),
     * {@code req.path()} is relative to it.
     */
    public static String wholePath(ServerRequest req) {
        return req.path().absolute().path();
    }

    private static void unrouted(ServerRequest req, ServerResponse res, Routes routes) {
        Method method = req.prologue().method();
        Set<Method> allowed = routes.allowed(req.path());
        if (allowed.isEmpty()) {
            throw new ProblemException(Status.NOT_FOUND_404, "not-found",
                    "No route for " + method.text() + " " + req.path().path());
        }
        String allow = Routes.allowHeader(allowed);
        if (method.equals(Method.OPTIONS)) {
            res.header(HeaderNames.ALLOW, allow);
            res.status(Status.NO_CONTENT_204).send();
            return;
        }
        throw new ProblemException(Status.METHOD_NOT_ALLOWED_405, "method-not-allowed",
                req.path().path() + " accepts " + allow + ", not " + method.text())
                .withHeader(HeaderValues.create(HeaderNames.ALLOW, allow));
    }

    private static void health(ServerRequest req, ServerResponse res, Shared shared) {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, HealthCheck> check : shared.checks().entrySet()) {
            HealthCheck.Result result = check.getValue().check();
            allUp &= result.up();
            results.put(check.getKey(), Map.of("status", result.up() ? "UP" : "DOWN", "detail", result.detail()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        if (BearerAuthFilter.verifiedIfPresent(req, shared.verifier()).isPresent()) {
            body.put("service", shared.serviceName());
            body.put("checks", results);
        }
        Json.send(res, allUp ? Status.OK_200 : Status.SERVICE_UNAVAILABLE_503, body);
    }

    private static void session(ServerRequest req, ServerResponse res) {
        Principal principal = BearerAuthFilter.principal(req);
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", principal.userId());
        body.put("scopes", new TreeSet<>(principal.scopes()));
        body.put("expiresAt", principal.expiresAt());
        body.put("serverTime", Instant.now());
        Json.send(res, Status.OK_200, body);
    }

    private static Optional<byte[]> openApi(String serviceName) {
        try (InputStream in = ServiceRoutes.class.getResourceAsStream("/openapi/" + serviceName + ".yaml")) {
            return in == null ? Optional.empty() : Optional.of(in.readAllBytes());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
