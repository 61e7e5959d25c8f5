package dev.pulse.service;

import io.helidon.http.HttpException;
import io.helidon.http.Status;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeSet;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The routing every service shares around its own routes: bearer authentication (all but {@code /health}
 * and {@code /openapi.yaml}), {@code GET /health},
 * {@code GET /v1/session} (who the token says you are), problem bodies for every error and for
 * unknown paths. Used by each service's {@code main} and by its tests alike.
 */
public final class ServiceRoutes {

    public static final String HEALTH_PATH = "/health";
    public static final String SESSION_PATH = "/v1/session";
    /** Where a service serves its OpenAPI document, if it has one; public like /health. */
    public static final String OPENAPI_PATH = "/openapi.yaml";

    private static final Logger LOG = LoggerFactory.getLogger(ServiceRoutes.class);

    private ServiceRoutes() {
    }

    /**
     * Adds the shared routes around {@code serviceRoutes}.
     *
     * @param checks named health checks; {@code /health} is 200 when all are up, else 503
     */
    public static void routing(HttpRouting.Builder routing, String serviceName, JwtVerifier verifier,
                               Map<String, HealthCheck> checks, Consumer<HttpRouting.Builder> serviceRoutes) {
        Map<String, HealthCheck> orderedChecks = new LinkedHashMap<>(checks);
        routing.addFilter(new BearerAuthFilter(verifier, java.util.Set.of(HEALTH_PATH, OPENAPI_PATH)))
                .get(HEALTH_PATH, (req, res) -> health(res, serviceName, orderedChecks))
                .get(SESSION_PATH, ServiceRoutes::session);
        serviceRoutes.accept(routing);
        routing.any((req, res) -> Problem.send(res, Status.NOT_FOUND_404, "not-found",
                        "No route for " + req.prologue().method().text() + " " + req.path().path(), req.path().path()))
                .error(HttpException.class, (req, res, e) -> Problem.send(res, e.status(),
                        "http-" + e.status().code(), e.getMessage(), req.path().path()))
                .error(Exception.class, (req, res, e) -> {
                    LOG.error("{} failed on {} {}", serviceName, req.prologue().method().text(), req.path().path(), e);
                    Problem.send(res, Status.INTERNAL_SERVER_ERROR_500, "internal",
                            "The server failed to handle this request; it has been logged.", req.path().path());
                });
    }

    private static void health(ServerResponse res, String serviceName, Map<String, HealthCheck> checks) {
        Map<String, Object> results = new LinkedHashMap<>();
        boolean allUp = true;
        for (Map.Entry<String, HealthCheck> check : checks.entrySet()) {
            HealthCheck.Result result = check.getValue().check();
            allUp &= result.up();
            results.put(check.getKey(), Map.of("status", result.up() ? "UP" : "DOWN", "detail", result.detail()));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("status", allUp ? "UP" : "DOWN");
        body.put("service", serviceName);
        body.put("checks", results);
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
}
