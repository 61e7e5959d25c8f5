package dev.pulse.service;

import static java.util.stream.Collectors.toUnmodifiableSet;

import io.helidon.security.jwt.jwk.Jwk;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonConfig;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;
import jakarta.json.stream.JsonParserFactory;
import java.io.IOException;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Verifies bearer tokens (compact JWS, RFC 7515 and 7519) and turns every problem with one into a
 * {@link TokenRejectedException} whose message names the fix, never into another exception: a bad
 * token is the client's 401, not our 500 with a stack trace.
 *
 * <p>The token is read here with strict JSON types instead of through Helidon's {@code Jwt}, whose
 * claim accessors throw on a claim of the wrong type and whose validators require {@code nbf} and
 * {@code iat}; Helidon only holds the keys. The order is shape, header ({@code alg}, {@code kid}),
 * signature, {@code crit}, then claims, so nothing in an unverified payload is read. Accepted: only
 * the configured keys' own algorithms ({@code none} and algorithm confusion are refused); {@code exp}
 * required and at most {@link JwtSettings#maxLifetime()} ahead; {@code nbf} and {@code iat} optional
 * but not in the future; issuer and audience when configured; a non-blank {@code sub}. Time checks
 * allow {@link JwtSettings#clockSkew()}. Thread-safe.
 *
 * <p>Keys come from a shared secret, a JWKS file, or a JWKS URL ({@link RemoteJwks}: refreshed on a
 * schedule and when a token names an unknown kid, so keys rotate without a restart). Close the verifier
 * to stop that refresh; {@link ServiceHost} does so when the service stops.
 */
public final class JwtVerifier implements AutoCloseable {

    /** Longest token read: real access tokens are a few kilobytes, and this bounds the parsing work. */
    static final int MAX_TOKEN_CHARS = 16 * 1024;

    /** 9999-12-31T23:59:59Z: no later time claim is a date an issuer could mean. */
    private static final BigDecimal LATEST_NUMERIC_DATE = BigDecimal.valueOf(253_402_300_799L);
    private static final Logger LOG = LoggerFactory.getLogger(JwtVerifier.class);
    private static final Base64.Decoder BASE64_URL = Base64.getUrlDecoder();
    // Duplicate names are refused so that no other reader of the same token sees different claims;
    // the first key is the JSON-P 2.1 way, the second the one Parsson's parser honours.
    private static final JsonParserFactory JSON = Json.createParserFactory(Map.of(
            JsonConfig.KEY_STRATEGY, JsonConfig.KeyStrategy.NONE,
            "org.eclipse.parsson.rejectDuplicateKeys", true));

    private final SigningKeys keys;
    private final boolean sharedSecret;
    private final JwtSettings settings;
    private final Clock clock;

    public JwtVerifier(JwtSettings settings) {
        this(settings, Clock.systemUTC());
    }

    JwtVerifier(JwtSettings settings, Clock clock) {
        this.settings = settings;
        this.clock = clock;
        // With a shared secret there is one key: a token's kid is not consulted.
        this.sharedSecret = settings.hmacSecret().isPresent();
        this.keys = signingKeys(settings);
    }

    private static SigningKeys signingKeys(JwtSettings settings) {
        if (settings.hmacSecret().isPresent()) {
            return SigningKeys.fixed(List.of(HmacTokens.jwk(settings.hmacSecret().get())));
        }
        if (settings.jwksFile().isPresent()) {
            return SigningKeys.fixed(jwks(settings.jwksFile().get()));
        }
        return new RemoteJwks(settings.jwksUrl().orElseThrow(
                () -> new IllegalArgumentException("security.jwt: no key configured")));
    }

    private static List<Jwk> jwks(Path file) {
        try {
            return Jwks.publicKeys(Files.readString(file), "security.jwt.jwks.file: " + file);
        } catch (IOException e) {
            throw new UncheckedIOException("security.jwt.jwks.file: cannot read " + file, e);
        }
    }

    /** The verified principal of {@code token}, or {@link TokenRejectedException} saying why not. */
    public Principal verify(String token) {
        try {
            return verifyOrRefuse(token);
        } catch (TokenRejectedException e) {
            LOG.debug("Bearer token refused: {}", e.getMessage());
            throw e;
        } catch (RuntimeException e) {
            // A case the checks below did not foresee is still a bad token: a 401, not a 500.
            LOG.debug("Bearer token refused on an unexpected {}", e.getClass().getName());
            throw new TokenRejectedException("malformed token");
        }
    }

    private Principal verifyOrRefuse(String token) {
        Parts parts = Parts.split(token);
        JsonObject header = jsonObject(parts.header(), "header");
        requireSignature(parts, header);
        requireNoCriticalExtensions(header);
        return principal(jsonObject(parts.payload(), "payload"));
    }

    private void requireSignature(Parts parts, JsonObject header) {
        List<Jwk> candidates = keysFor(algorithm(header), keyId(header));
        byte[] signedBytes = parts.signedBytes();
        byte[] signature = decode(parts.signature(), "signature");
        if (candidates.stream().noneMatch(key -> verifies(key, signedBytes, signature))) {
            throw new TokenRejectedException("invalid signature");
        }
    }

    private static String algorithm(JsonObject header) {
        String algorithm = string(header, "alg", "header 'alg' must be a string")
                .orElseThrow(() -> new TokenRejectedException("token header has no 'alg'"));
        if (algorithm.equalsIgnoreCase(Jwk.ALG_NONE)) {
            throw new TokenRejectedException("unsigned tokens are not accepted");
        }
        return algorithm;
    }

    private static Optional<String> keyId(JsonObject header) {
        return string(header, "kid", "header 'kid' must be a string");
    }

    /** The keys that may have signed a token with this header: same algorithm (RFC 8725 §3.1), same kid. */
    private List<Jwk> keysFor(String algorithm, Optional<String> keyId) {
        SigningKeys.Snapshot known = knownKeys(keyId);
        List<Jwk> sameAlgorithm = known.keys().stream().filter(key -> key.algorithm().equals(algorithm)).toList();
        if (known.keys().isEmpty()) {
            throw new TokenRejectedException("no signing keys loaded yet from the identity provider's JWKS;"
                    + " this server cannot verify tokens until it reaches it");
        }
        if (sameAlgorithm.isEmpty()) {
            throw new TokenRejectedException("algorithm not accepted; this server accepts " + known.acceptedAlgorithms());
        }
        if (sharedSecret || keyId.isEmpty()) {
            return sameAlgorithm;
        }
        List<Jwk> named = sameAlgorithm.stream().filter(key -> keyId.get().equals(key.keyId())).toList();
        if (named.isEmpty()) {
            throw new TokenRejectedException("unknown signing key (kid); the token is not signed by a key this server trusts");
        }
        return named;
    }

    /** The keys, refreshed first when there are none or the token names a key id they lack (a rotation). */
    private SigningKeys.Snapshot knownKeys(Optional<String> keyId) {
        SigningKeys.Snapshot current = keys.current();
        boolean unknownKey = !sharedSecret && keyId.filter(kid -> !current.hasKeyId(kid)).isPresent();
        return unknownKey || current.keys().isEmpty() ? keys.refreshed() : current;
    }

    private static boolean verifies(Jwk key, byte[] signedBytes, byte[] signature) {
        try {
            return key.verifySignature(signedBytes, signature);
        } catch (RuntimeException e) {
            // A key not meant for signatures, or a signature of the wrong size for it.
            return false;
        }
    }

    /** RFC 7515 §4.1.11: we understand no extension, so any {@code crit} is refused. */
    private static void requireNoCriticalExtensions(JsonObject header) {
        JsonValue critical = header.get("crit");
        if (critical == null) {
            return;
        }
        if (critical instanceof JsonArray names && !names.isEmpty()
                && names.stream().allMatch(JsonString.class::isInstance)) {
            throw new TokenRejectedException("token requires extensions (crit) this server does not support");
        }
        throw new TokenRejectedException("malformed header 'crit'; this server supports no extensions");
    }

    private Principal principal(JsonObject claims) {
        Instant expiry = requireTimes(claims);
        requireIssuer(claims);
        requireAudience(claims);
        return new Principal(subject(claims), scopes(claims), expiry);
    }

    /** Checks {@code exp}, {@code nbf} and {@code iat} against now, and returns the expiry. */
    private Instant requireTimes(JsonObject claims) {
        Instant expiry = numericDate(claims, "exp")
                .orElseThrow(() -> new TokenRejectedException("token has no expiry (exp)"));
        Optional<Instant> notBefore = numericDate(claims, "nbf");
        Optional<Instant> issuedAt = numericDate(claims, "iat");
        requireUnexpired(expiry);
        Instant latestStart = clock.instant().plus(settings.clockSkew());
        if (notBefore.filter(nbf -> nbf.isAfter(latestStart)).isPresent()) {
            throw new TokenRejectedException("token not valid yet");
        }
        if (issuedAt.filter(iat -> iat.isAfter(latestStart)).isPresent()) {
            throw new TokenRejectedException("token issued in the future (iat); check the issuer's clock");
        }
        return expiry;
    }

    private void requireUnexpired(Instant expiry) {
        Instant now = clock.instant();
        if (!now.isBefore(expiry.plus(settings.clockSkew()))) {
            throw new TokenRejectedException(TokenRejectedException.Kind.EXPIRED, "token expired");
        }
        if (Duration.between(now, expiry).compareTo(settings.maxLifetime().plus(settings.clockSkew())) > 0) {
            throw new TokenRejectedException("token lifetime exceeds the " + readable(settings.maxLifetime())
                    + " this server accepts; request a shorter-lived token");
        }
    }

    /**
     * A NumericDate (RFC 7519 §2): a JSON number of seconds since the epoch, fractions truncated as
     * the RFC allows them; negative or later than year 9999 is refused as no date an issuer means.
     */
    private static Optional<Instant> numericDate(JsonObject claims, String name) {
        JsonValue value = claims.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (!(value instanceof JsonNumber number) || !isNumericDate(number.bigDecimalValue())) {
            throw new TokenRejectedException("claim '" + name + "' must be a number of seconds since the epoch");
        }
        return Optional.of(Instant.ofEpochSecond(number.bigDecimalValue().longValue()));
    }

    private static boolean isNumericDate(BigDecimal seconds) {
        return seconds.signum() >= 0 && seconds.compareTo(LATEST_NUMERIC_DATE) <= 0;
    }

    private void requireIssuer(JsonObject claims) {
        Optional<String> issuer = string(claims, "iss", "claim 'iss' must be a string");
        if (settings.issuer().isPresent() && !settings.issuer().equals(issuer)) {
            throw new TokenRejectedException("wrong issuer");
        }
    }

    private void requireAudience(JsonObject claims) {
        List<String> audience = audience(claims);
        if (settings.audience().isPresent() && !audience.contains(settings.audience().get())) {
            throw new TokenRejectedException("wrong audience");
        }
    }

    /** RFC 7519 §4.1.3: one string or an array of them. */
    private static List<String> audience(JsonObject claims) {
        JsonValue value = claims.get("aud");
        if (value == null) {
            return List.of();
        }
        if (value instanceof JsonString single) {
            return List.of(single.getString());
        }
        if (value instanceof JsonArray many && many.stream().allMatch(JsonString.class::isInstance)) {
            return many.getValuesAs(JsonString::getString);
        }
        throw new TokenRejectedException("claim 'aud' must be a string or an array of strings");
    }

    private static String subject(JsonObject claims) {
        return string(claims, "sub", "claim 'sub' must be a string").map(String::strip).filter(sub -> !sub.isEmpty())
                .orElseThrow(() -> new TokenRejectedException("token has no subject (sub)"));
    }

    /** RFC 8693 §4.2: one string of space-separated scopes. */
    private static Set<String> scopes(JsonObject claims) {
        return string(claims, "scope", "claim 'scope' must be a string of space-separated scopes")
                .map(scope -> Arrays.stream(scope.split(" ")).filter(s -> !s.isEmpty()).collect(toUnmodifiableSet()))
                .orElse(Set.of());
    }

    private static Optional<String> string(JsonObject json, String name, String wrongType) {
        JsonValue value = json.get(name);
        if (value == null) {
            return Optional.empty();
        }
        if (value instanceof JsonString string) {
            return Optional.of(string.getString());
        }
        throw new TokenRejectedException(wrongType);
    }

    /** A section of the token as one JSON object: strict UTF-8, no duplicate names, nothing after it. */
    private static JsonObject jsonObject(String section, String name) {
        String json = utf8(decode(section, name), name);
        return parseObject(json).orElseThrow(() -> notAJsonObject(name));
    }

    private static Optional<JsonObject> parseObject(String json) {
        try (JsonParser parser = JSON.createParser(new StringReader(json))) {
            if (!parser.hasNext() || parser.next() != JsonParser.Event.START_OBJECT) {
                return Optional.empty();
            }
            JsonObject object = parser.getObject();
            return parser.hasNext() ? Optional.empty() : Optional.of(object);
        } catch (RuntimeException e) {
            // Parsson reports syntax as JsonException, duplicate names and excessive depth otherwise.
            return Optional.empty();
        }
    }

    private static String utf8(byte[] bytes, String name) {
        try {
            return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
        } catch (CharacterCodingException e) {
            throw notAJsonObject(name);
        }
    }

    private static TokenRejectedException notAJsonObject(String name) {
        return new TokenRejectedException("malformed token: " + name + " is not a JSON object");
    }

    private static byte[] decode(String section, String name) {
        try {
            return BASE64_URL.decode(section);
        } catch (IllegalArgumentException e) {
            throw new TokenRejectedException("malformed token: " + name + " is not base64url");
        }
    }

    /** Stops refreshing keys from a JWKS URL; a verifier with a secret or a file holds nothing to release. */
    @Override
    public void close() {
        keys.close();
    }

    private static String readable(Duration duration) {
        if (duration.isZero() || duration.toSecondsPart() != 0) {
            return duration.toSeconds() + " s";
        }
        return duration.toMinutesPart() != 0 ? duration.toMinutes() + " min" : duration.toHours() + " h";
    }

    /** The three base64url sections of a compact JWS, not decoded yet. */
    private record Parts(String header, String payload, String signature) {

        static Parts split(String token) {
            if (token == null || token.isBlank()) {
                throw new TokenRejectedException(TokenRejectedException.Kind.MISSING, "missing bearer token");
            }
            if (token.length() > MAX_TOKEN_CHARS) {
                throw new TokenRejectedException("token is longer than the " + MAX_TOKEN_CHARS
                        + " characters this server accepts");
            }
            String[] sections = token.strip().split("\\.", -1);
            if (sections.length != 3 || sections[0].isEmpty() || sections[1].isEmpty()) {
                throw new TokenRejectedException("malformed token");
            }
            return new Parts(sections[0], sections[1], sections[2]);
        }

        /** The JWS signing input (RFC 7515 §5.2): the encoded header and payload as sent. */
        byte[] signedBytes() {
            return (header + '.' + payload).getBytes(StandardCharsets.US_ASCII);
        }
    }
}
