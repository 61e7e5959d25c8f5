package dev.pulse.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * How tokens are verified: an HS256 shared secret or a JWKS file of public keys, plus the expected
 * issuer and audience when set. There is no built-in key: the launcher generates one for development.
 *
 * @param maxLifetime the longest {@code exp - now} accepted, so a leaked long-lived token is refused
 */
public record JwtSettings(Optional<byte[]> hmacSecret, Optional<Path> jwksFile, Optional<String> issuer,
                          Optional<String> audience, Duration clockSkew, Duration maxLifetime) {

    /** Shortest HS256 secret accepted, in bytes (RFC 7518: at least the hash size). */
    public static final int MIN_SECRET_BYTES = 32;
}
