package dev.pulse.service;

import io.helidon.common.Errors;
import io.helidon.common.configurable.Resource;
import io.helidon.security.jwt.Jwt;
import io.helidon.security.jwt.SignedJwt;
import io.helidon.security.jwt.Validator;
import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Verifies bearer tokens: signature against the configured key, algorithm other than {@code none},
 * expiry (required), not-before and issued-at with the configured clock skew, issuer and audience
 * when configured, and a non-blank subject. Thread-safe.
 */
public final class JwtVerifier {

    private final JwkKeys keys;
    private final Jwk defaultKey;
    private final JwtSettings settings;
    private final Clock clock;

    public JwtVerifier(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtVerifier(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        if (settings.hmacSecret().isPresent()) {
            // Tokens without a kid header are checked against the one shared secret.
            this.defaultKey = HmacTokens.jwk(settings.hmacSecret().get());
            this.keys = JwkKeys.builder().addKey(defaultKey).build();
        } else {
            this.defaultKey = null;
            this.keys = JwkKeys.builder().resource(Resource.create(settings.jwksFile().orElseThrow())).build();
        }
    }

    /** The verified principal of {@code token}, or {@link TokenRejectedException} saying why not. */
    public Principal verify(String token) {
        if (token == null || token.isBlank()) {
            throw new TokenRejectedException("missing bearer token");
        }
        SignedJwt signed;
        try {
            signed = SignedJwt.parseToken(token.strip());
        } catch (RuntimeException e) {
            throw new TokenRejectedException("malformed token");
        }
        Jwt jwt = signed.getJwt();
        String algorithm = jwt.algorithm().orElse("none");
        if ("none".equals(algorithm.toLowerCase(Locale.ROOT))) {
            throw new TokenRejectedException("unsigned tokens are not accepted");
        }
        Errors signature;
        try {
            signature = defaultKey == null ? signed.verifySignature(keys) : signed.verifySignature(keys, defaultKey);
        } catch (RuntimeException e) {
            throw new TokenRejectedException("invalid signature");
        }
        if (!signature.isValid()) {
            throw new TokenRejectedException("invalid signature");
        }
        if (jwt.expirationTime().isEmpty()) {
            throw new TokenRejectedException("token has no expiry (exp)");
        }
        List<Validator<Jwt>> validators = new ArrayList<>(Jwt.defaultTimeValidators(clock.instant(),
                (int) settings.clockSkew().toSeconds(), ChronoUnit.SECONDS, true));
        settings.issuer().ifPresent(issuer -> Jwt.addIssuerValidator(validators, issuer, true));
        settings.audience().ifPresent(audience -> Jwt.addAudienceValidator(validators, audience, true));
        Errors claims = jwt.validate(validators);
        if (!claims.isValid()) {
            throw new TokenRejectedException(describe(claims, jwt));
        }
        String subject = jwt.subject().map(String::strip).orElse("");
        if (subject.isEmpty()) {
            throw new TokenRejectedException("token has no subject (sub)");
        }
        Set<String> scopes = new HashSet<>(jwt.scopes().orElse(List.of()));
        return new Principal(subject, scopes, jwt.expirationTime().get());
    }

    private String describe(Errors errors, Jwt jwt) {
        Instant now = clock.instant();
        if (jwt.expirationTime().map(exp -> exp.plus(settings.clockSkew()).isBefore(now)).orElse(false)) {
            return "token expired";
        }
        if (jwt.notBefore().map(nbf -> nbf.minus(settings.clockSkew()).isAfter(now)).orElse(false)) {
            return "token not valid yet";
        }
        if (settings.issuer().isPresent() && !settings.issuer().equals(jwt.issuer())) {
            return "wrong issuer";
        }
        if (settings.audience().isPresent()
                && jwt.audience().map(a -> !a.contains(settings.audience().get())).orElse(true)) {
            return "wrong audience";
        }
        return "invalid claims: " + errors.getFirst().getMessage();
    }
}
