package dev.pulse.service;

import java.time.Instant;
import java.util.Set;

/**
 * The verified caller of a request: the user id is the token's {@code sub}, never a value the client
 * sends otherwise. Scopes come from the token's {@code scope} claim.
 */
public record Principal(String userId, Set<String> scopes, Instant expiresAt) {

    /** Scope that lets analysts read every count and trend. */
    public static final String ANALYTICS_SCOPE = "analytics";

    public Principal {
        scopes = Set.copyOf(scopes);
    }

    public boolean hasScope(String scope) {
        return scopes.contains(scope);
    }
}
