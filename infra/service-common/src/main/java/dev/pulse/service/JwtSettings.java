package dev.pulse.service;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How tokens are verified: exactly one key source (an HS256 shared secret, a JWKS file of public keys, or
 * a JWKS URL fetched and refreshed while the service runs), plus the expected issuer and audience when
 * set. There is no built-in key: the launcher generates one for development.
 *
 * @param maxLifetime the longest {@code exp - now} accepted, so a leaked long-lived token is refused
 */
public record JwtSettings(Optional<byte[]> hmacSecret, Optional<Path> jwksFile, Optional<JwksUrl> jwksUrl,
                          Optional<String> issuer, Optional<String> audience, Duration clockSkew,
                          Duration maxLifetime) {

    /** Shortest HS256 secret accepted, in bytes (RFC 7518: at least the hash size). */
    public static final int MIN_SECRET_BYTES = 32;

    /** Settings with a secret or a file, the two sources that need nothing fetched. */
    public JwtSettings(Optional<byte[]> hmacSecret, Optional<Path> jwksFile, Optional<String> issuer,
                       Optional<String> audience, Duration clockSkew, Duration maxLifetime) {
        this(hmacSecret, jwksFile, Optional.empty(), issuer, audience, clockSkew, maxLifetime);
    }

    /**
     * An identity provider's JWKS endpoint, so that its keys rotate without a restart.
     *
     * @param refreshInterval how often the keys are fetched again on schedule
     * @param cooldown        the shortest time between two fetches, so tokens naming unknown keys cannot
     *                        turn into a flood of requests to the identity provider
     * @param timeout         the longest one fetch may take (connect, answer and body), and so the longest
     *                        a token naming an unknown key waits for one
     */
    public record JwksUrl(URI url, Duration refreshInterval, Duration cooldown, Duration timeout) {
    }
}
