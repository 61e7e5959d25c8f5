package dev.pulse.service;

import io.helidon.http.HeaderNames;
import io.helidon.http.Method;
import io.helidon.http.Status;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import java.util.Optional;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Requires a valid bearer token on every route except the public ones ({@code /health}) and
 * {@code OPTIONS} (which reveals only the allowed methods, and which a browser's CORS preflight sends
 * without credentials); the verified {@link Principal} is registered in the request context for
 * handlers. A refusal is a 401 problem with a {@code WWW-Authenticate} header naming the reason.
 */
public final class BearerAuthFilter implements Filter {

    private static final String BEARER = "bearer ";

    private final JwtVerifier verifier;
    private final Predicate<String> isPublic;

    public BearerAuthFilter(JwtVerifier verifier, Set<String> publicPaths) {
        this(verifier, Set.copyOf(publicPaths)::contains);
    }

    /** @param isPublic whether a request path needs no token; asked on every request */
    public BearerAuthFilter(JwtVerifier verifier, Predicate<String> isPublic) {
        this.verifier = verifier;
        this.isPublic = isPublic;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (isPublic.test(req.path().path()) || req.prologue().method().equals(Method.OPTIONS)) {
            chain.proceed();
            return;
        }
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        try {
            String value = header.orElseThrow(
                    () -> new TokenRejectedException(TokenRejectedException.Kind.MISSING, "missing bearer token"));
            req.context().register(verifier.verify(bearerToken(value)));
        } catch (TokenRejectedException e) {
            String error = header.isPresent() ? "error=\"invalid_token\", " : "";
            String reason = headerSafe(e.getMessage());
            res.header(HeaderNames.WWW_AUTHENTICATE, "Bearer " + error + "error_description=\"" + reason + "\"");
            ServiceRoutes.send(req, res, new ProblemException(Status.UNAUTHORIZED_401, "unauthorized", reason));
            return;
        }
        chain.proceed();
    }

    /** The principal of {@code req}'s bearer token when it carries a valid one (for public routes that say more to a caller they know). */
    public static Optional<Principal> verifiedIfPresent(ServerRequest req, JwtVerifier verifier) {
        Optional<String> header = req.headers().first(HeaderNames.AUTHORIZATION);
        if (header.isEmpty()) {
            return Optional.empty();
        }
        try {
            return Optional.of(verifier.verify(bearerToken(header.get())));
        } catch (TokenRejectedException e) {
            return Optional.empty();
        }
    }

    private static String bearerToken(String headerValue) {
        if (headerValue.length() <= BEARER.length() || !headerValue.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
            throw new TokenRejectedException("Authorization header must be 'Bearer <token>'");
        }
        return headerValue.substring(BEARER.length());
    }

    /** {@code text} as a quoted-string's content: printable ASCII without quotes or backslashes. */
    static String headerSafe(String text) {
        StringBuilder safe = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            safe.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' ? c : '?');
        }
        return safe.toString();
    }

    /** The principal this filter verified for {@code req}. */
    public static Principal principal(ServerRequest req) {
        return req.context().get(Principal.class)
                .orElseThrow(() -> new IllegalStateException("No verified principal: route is not behind BearerAuthFilter"));
    }
}
