package dev.pulse.service;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.Set;

/**
 * Requires a valid bearer token on every route except the public ones ({@code /health}); the verified
 * {@link Principal} is registered in the request context for handlers. A refusal is a 401 problem
 * with a {@code WWW-Authenticate} header naming the reason.
 */
public final class BearerAuthFilter implements Filter {

    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;
    private final Set<String> publicPaths;

    public BearerAuthFilter(JwtVerifier verifier, Set<String> publicPaths) {
        this.verifier = verifier;
        this.publicPaths = Set.copyOf(publicPaths);
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (publicPaths.contains(req.path().path())) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        try {
            String value = header.orElseThrow(() -> new TokenRejectedException("missing bearer token"));
            if (value.length() <= BEARER.length() || !value.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
                throw new TokenRejectedException("Authorization header must be 'Bearer <token>'");
            }
            Principal principal = verifier.verify(value.substring(BEARER.length()));
            req.context().register(principal);
        } catch (TokenRejectedException e) {
            String error = header.isPresent() ? "error=\"invalid_token\", " : "";
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer " + error + "error_description=\"" + e.getMessage() + "\"");
            Problem.send(res, Status.UNAUTHORIZED_401, "unauthorized", e.getMessage(), req.path().path());
            return;
        }
        chain.proceed();
    }

    /** The principal this filter verified for {@code req}. */
    public static Principal principal(ServerRequest req) {
        return req.context().get(Principal.class)
                .orElseThrow(() -> new IllegalStateException("No verified principal: route is not behind BearerAuthFilter"));
    }
}
