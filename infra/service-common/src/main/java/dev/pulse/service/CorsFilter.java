package dev.pulse.service;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Lets browser apps on the configured origins call the API: answers CORS preflights (before
 * authentication, which a preflight never carries) and marks every response to an allowed origin,
 * errors included, so the app can read a 401 or a 429. Other origins get no CORS headers, so the
 * browser keeps the response from them. Tokens travel in {@code Authorization}, never in cookies, so
 * credentials are never allowed.
 */
public final class CorsFilter implements Filter {

    static final HeaderName REQUEST_METHOD = HeaderNames.create("Access-Control-Request-Method");
    private static final String ALLOWED_HEADERS = "Authorization, Content-Type, Idempotency-Key";
    private static final String EXPOSED_HEADERS = "Retry-After, WWW-Authenticate, Location, X-Pulse-Served-By";
    private static final String MAX_AGE_SECONDS = "600";

    private final Set<String> origins;
    private final boolean anyOrigin;
    private final Routes routes;

    /** @param origins allowed origins ({@code https://app.example.com}), or {@code *} for any */
    public CorsFilter(List<String> origins, Routes routes) {
        this.origins = Set.copyOf(origins);
        this.anyOrigin = this.origins.contains("*");
        this.routes = routes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        Optional<String> origin = req.headers().first(HeaderNames.ORIGIN).filter(this::allowed);
        origin.ifPresent(o -> {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_ORIGIN, anyOrigin ? "*" : o);
            res.header(HeaderNames.VARY, "Origin");
        });
        boolean preflight = req.prologue().method().equals(Method.OPTIONS) && req.headers().contains(REQUEST_METHOD);
        if (!preflight) {
            origin.ifPresent(o -> res.header(HeaderNames.ACCESS_CONTROL_EXPOSE_HEADERS, EXPOSED_HEADERS));
            chain.proceed();
            return;
        }
        Set<Method> allowed = routes.allowed(req.path());
        if (allowed.isEmpty()) {
            chain.proceed();
            return;
        }
        if (origin.isPresent()) {
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_METHODS, Routes.allowHeader(allowed));
            res.header(HeaderNames.ACCESS_CONTROL_ALLOW_HEADERS, ALLOWED_HEADERS);
            res.header(HeaderNames.ACCESS_CONTROL_MAX_AGE, MAX_AGE_SECONDS);
        }
        res.header(HeaderNames.ALLOW, Routes.allowHeader(allowed));
        res.status(Status.NO_CONTENT_204).send();
    }

    private boolean allowed(String origin) {
        return anyOrigin || origins.contains(origin);
    }
}
