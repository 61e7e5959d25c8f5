package dev.pulse.service;

import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.jwk.JwkOctet;
import jakarta.json.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.UUID;

/**
 * Issues HS256 tokens with a shared secret: what the launcher's development mode hands out, and what
 * tests sign with. Production tokens come from an identity provider instead.
 */
public final class HmacTokens {

    private final JwkOctet key;
    private final String issuer;
    private final Clock clock;

    public HmacTokens(byte[] secret, String issuer) {
        this(secret, issuer, Clock.systemUTC());
    }

    public HmacTokens(byte[] secret, String issuer, Clock clock) {
        if (secret.length < JwtSettings.MIN_SECRET_BYTES) {
            throw new IllegalArgumentException("HS256 secret needs at least " + JwtSettings.MIN_SECRET_BYTES + " bytes");
        }
        this.key = jwk(secret);
        this.issuer = Objects.requireNonNull(issuer, "issuer");
        this.clock = clock;
    }

    /** A fresh random secret, base64-encoded, suitable for {@code security.jwt.secret}. */
    public static String newSecret() {
        byte[] bytes = new byte[JwtSettings.MIN_SECRET_BYTES];
        new SecureRandom().nextBytes(bytes);
        return Base64.getEncoder().encodeToString(bytes);
    }

    /** A key id derived from the secret without revealing it, so rotated keys get new ids. */
    static String keyId(byte[] secret) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(secret);
            return "hs256-" + HexFormat.of().formatHex(digest, 0, 6);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    /** A signed token for {@code userId} with these scopes, valid for {@code ttl} from now. */
    public String issue(String userId, Collection<String> scopes, Duration ttl) {
        Instant now = clock.instant();
        Jwt jwt = Jwt.builder()
                .algorithm(JwkOctet.ALG_HS256)
                .keyId(key.keyId())
                .type("JWT")
                .jwtId(UUID.randomUUID().toString())
                .issuer(issuer)
                .subject(userId)
                .issueTime(now)
                .notBefore(now)
                .expirationTime(now.plus(ttl))
                .scopes(List.copyOf(scopes))
                .build();
        return SignedJwt.sign(jwt, key).tokenContent();
    }

    static JwkOctet jwk(byte[] secret) {
        return JwkOctet.create(Json.createObjectBuilder()
                .add("kid", keyId(secret))
                .add("kty", "oct")
                .add("alg", JwkOctet.ALG_HS256)
                .add("use", "sig")
                .add("k", Base64.getUrlEncoder().withoutPadding().encodeToString(secret))
                .build());
    }
}
