package dev.pulse.service;

import static dev.pulse.service.RawTokens.HS256_HEADER;
import static dev.pulse.service.RawTokens.base64Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.pulse.service.RawTokens.Claims;
import dev.pulse.service.TokenRejectedException.Kind;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class JwtVerifierTest {

    /** What RFC 6750 allows inside a quoted error_description: printable ASCII but {@code "} and {@code \}. */
    static final String HEADER_SAFE = "[\\x20-\\x21\\x23-\\x5b\\x5d-\\x7e]+";

    private static final byte[] SECRET = Base64.getDecoder().decode(HmacTokens.newSecret());
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String ISSUER = "pulse-test";

    private final HmacTokens tokens = new HmacTokens(SECRET, ISSUER, CLOCK);
    private final JwtVerifier verifier = new JwtVerifier(settings(Optional.empty()), CLOCK);

    private static JwtSettings settings(Optional<String> audience) {
        return new JwtSettings(Optional.of(SECRET), Optional.empty(), Optional.of(ISSUER), audience,
                Duration.ofSeconds(30), Duration.ofHours(24));
    }

    private static Claims claims() {
        return Claims.valid(NOW, ISSUER);
    }

    private static String signed(Claims claims) {
        return RawTokens.hs256(SECRET, HS256_HEADER, claims.json());
    }

    private static String signedHeader(String header) {
        return RawTokens.hs256(SECRET, header, claims().json());
    }

    private String refusal(String token) {
        TokenRejectedException refused = catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token));
        assertThat(refused).as("refusal of %s", token).isNotNull();
        assertThat(refused.getMessage()).matches(HEADER_SAFE);
        return refused.getMessage();
    }

    @Test
    void shouldReturnTheSubjectAndScopesOfAValidToken() {
        Principal principal = verifier.verify(tokens.issue("ana", List.of("analytics"), Duration.ofHours(1)));

        assertThat(principal.userId()).isEqualTo("ana");
        assertThat(principal.hasScope(Principal.ANALYTICS_SCOPE)).isTrue();
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldReadEverySpaceSeparatedScope() {
        Principal principal = verifier.verify(signed(claims().with("scope", "\" analytics  admin \"")));

        assertThat(principal.scopes()).containsExactlyInAnyOrder("analytics", "admin");
    }

    @Test
    void shouldRejectAnExpiredToken() {
        HmacTokens earlier = new HmacTokens(SECRET, ISSUER, Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC));
        String token = earlier.issue("ana", List.of(), Duration.ofHours(1));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .hasMessage("token expired");
    }

    @Test
    void shouldReportAnExpiredTokenAsExpired() {
        HmacTokens earlier = new HmacTokens(SECRET, ISSUER, Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC));

        assertThat(kind(earlier.issue("ana", List.of(), Duration.ofHours(1)))).isEqualTo(Kind.EXPIRED);
    }

    @Test
    void shouldAcceptATokenExpiredWithinTheClockSkew() {
        String token = signed(claims().with("exp", String.valueOf(NOW.minusSeconds(29).getEpochSecond())));

        assertThat(verifier.verify(token).userId()).isEqualTo("ana");
    }

    @ParameterizedTest
    @ValueSource(strings = {"not-a-token", "a.b.c"})
    void shouldReportAMalformedTokenAsInvalid(String token) {
        assertThat(kind(token)).isEqualTo(Kind.INVALID);
    }

    @Test
    void shouldReportAnExpiredTokenWithABadSignatureAsInvalid() {
        HmacTokens other = new HmacTokens(Base64.getDecoder().decode(HmacTokens.newSecret()), ISSUER,
                Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC));

        assertThat(kind(other.issue("ana", List.of(), Duration.ofHours(1)))).isEqualTo(Kind.INVALID);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "   "})
    void shouldReportNoTokenAsMissing(String token) {
        assertThat(kind(token)).isEqualTo(Kind.MISSING);
    }

    private Kind kind(String token) {
        return catchThrowableOfType(TokenRejectedException.class, () -> verifier.verify(token)).kind();
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey() {
        HmacTokens other = new HmacTokens(Base64.getDecoder().decode(HmacTokens.newSecret()), ISSUER, CLOCK);

        assertThatThrownBy(() -> verifier.verify(other.issue("ana", List.of(), Duration.ofHours(1))))
                .hasMessage("invalid signature");
    }

    @Test
    void shouldRejectAnUnsignedToken() {
        String token = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}") + "." + base64Url(claims().json()) + ".";

        assertThat(refusal(token)).isEqualTo("unsigned tokens are not accepted");
    }

    @Test
    void shouldRejectATokenFromAnotherIssuer() {
        HmacTokens otherIssuer = new HmacTokens(SECRET, "someone-else", CLOCK);

        assertThatThrownBy(() -> verifier.verify(otherIssuer.issue("ana", List.of(), Duration.ofHours(1))))
                .hasMessage("wrong issuer");
    }

    @Test
    void shouldRejectATokenWithoutIssuerWhenOneIsConfigured() {
        assertThat(refusal(signed(claims().without("iss")))).isEqualTo("wrong issuer");
    }

    @Test
    void shouldRejectGarbage() {
        assertThatThrownBy(() -> verifier.verify("not-a-jwt")).hasMessage("malformed token");
    }

    @Test
    void shouldRejectATokenWithoutSubject() {
        assertThatThrownBy(() -> verifier.verify(tokens.issue(" ", List.of(), Duration.ofHours(1))))
                .hasMessage("token has no subject (sub)");
    }

    @Test
    void shouldAcceptATokenWithNeitherNotBeforeNorIssuedAt() {
        Principal principal = verifier.verify(signed(claims().without("nbf").without("iat")));

        assertThat(principal.userId()).isEqualTo("ana");
    }

    @Test
    void shouldAcceptFractionalSecondsAsRfc7519Allows() {
        Claims fractional = claims().with("exp", NOW.getEpochSecond() + 600 + ".75")
                .with("nbf", NOW.getEpochSecond() + ".5").with("iat", "1.7e9");

        assertThat(verifier.verify(signed(fractional)).expiresAt()).isEqualTo(NOW.plusSeconds(600));
    }

    @Test
    void shouldRejectATokenWithoutExpiry() {
        assertThat(refusal(signed(claims().without("exp")))).isEqualTo("token has no expiry (exp)");
    }

    @ParameterizedTest
    @MethodSource("timeClaimsOfTheWrongKind")
    void shouldRejectATimeClaimThatIsNotSecondsSinceTheEpoch(String claim, String value) {
        String message = refusal(signed(claims().with(claim, value)));

        assertThat(message).isEqualTo("claim '" + claim + "' must be a number of seconds since the epoch");
    }

    static Stream<Arguments> timeClaimsOfTheWrongKind() {
        List<String> values = List.of("\"1795000000\"", "\"\"", "true", "false", "null", "{}", "{\"s\":1795000000}",
                "[]", "[1795000000]", "-1", "-0.5", "-1e400", "1e20", "9223372036854775807",
                "9223372036854775808", "1e400", "253402300800");
        return Stream.of("exp", "nbf", "iat").flatMap(claim -> values.stream().map(value -> Arguments.of(claim, value)));
    }

    @ParameterizedTest
    @MethodSource("stringClaimsOfTheWrongKind")
    void shouldRejectAStringClaimOfAnotherType(String claim, String value, String expected) {
        assertThat(refusal(signed(claims().with(claim, value)))).isEqualTo(expected);
    }

    static Stream<Arguments> stringClaimsOfTheWrongKind() {
        List<String> notStrings = List.of("42", "4.2", "true", "null", "{}", "{\"id\":\"ana\"}", "[]", "[\"ana\"]");
        Stream<Arguments> single = Stream.of("sub", "iss", "scope").flatMap(claim -> notStrings.stream()
                .map(value -> Arguments.of(claim, value, "claim '" + claim + "' must be a string"
                        + ("scope".equals(claim) ? " of space-separated scopes" : ""))));
        Stream<Arguments> audience = Stream.of("42", "true", "null", "{}", "[42]", "[\"pulse\",7]", "[[\"pulse\"]]")
                .map(value -> Arguments.of("aud", value, "claim 'aud' must be a string or an array of strings"));
        return Stream.concat(single, audience);
    }

    @Test
    void shouldRejectATokenNotValidYet() {
        String token = signed(claims().with("nbf", String.valueOf(NOW.plusSeconds(31).getEpochSecond())));

        assertThat(refusal(token)).isEqualTo("token not valid yet");
    }

    @Test
    void shouldAcceptANotBeforeWithinTheClockSkew() {
        String token = signed(claims().with("nbf", String.valueOf(NOW.plusSeconds(30).getEpochSecond())));

        assertThat(verifier.verify(token).userId()).isEqualTo("ana");
    }

    @Test
    void shouldRejectATokenIssuedInTheFuture() {
        String token = signed(claims().with("iat", String.valueOf(NOW.plusSeconds(31).getEpochSecond())));

        assertThat(refusal(token)).isEqualTo("token issued in the future (iat); check the issuer's clock");
    }

    @Test
    void shouldAcceptAnIssueTimeWithinTheClockSkew() {
        String token = signed(claims().with("iat", String.valueOf(NOW.plusSeconds(30).getEpochSecond())));

        assertThat(verifier.verify(token).userId()).isEqualTo("ana");
    }

    @Test
    void shouldRejectATokenLivingLongerThanTheCap() {
        String token = tokens.issue("ana", List.of(), Duration.ofHours(24).plusSeconds(31));

        assertThat(refusal(token))
                .isEqualTo("token lifetime exceeds the 24 h this server accepts; request a shorter-lived token");
    }

    @Test
    void shouldAcceptATokenLivingUpToTheCapPlusClockSkew() {
        String token = tokens.issue("ana", List.of(), Duration.ofHours(24).plusSeconds(30));

        assertThat(verifier.verify(token).expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(24)).plusSeconds(30));
    }

    @Test
    void shouldNameTheConfiguredCapWhenRefusingALongLivedToken() {
        JwtSettings ninetyMinutes = new JwtSettings(Optional.of(SECRET), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ZERO, Duration.ofMinutes(90));
        String token = tokens.issue("ana", List.of(), Duration.ofHours(2));

        assertThatThrownBy(() -> new JwtVerifier(ninetyMinutes, CLOCK).verify(token))
                .hasMessage("token lifetime exceeds the 90 min this server accepts; request a shorter-lived token");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"pulse-api\"", "[\"other\",\"pulse-api\"]"})
    void shouldAcceptATokenForTheConfiguredAudience(String audience) {
        JwtVerifier forAudience = new JwtVerifier(settings(Optional.of("pulse-api")), CLOCK);

        assertThat(forAudience.verify(signed(claims().with("aud", audience))).userId()).isEqualTo("ana");
    }

    @ParameterizedTest
    @ValueSource(strings = {"\"other\"", "[]", "[\"other\"]"})
    void shouldRejectATokenForAnotherAudience(String audience) {
        JwtVerifier forAudience = new JwtVerifier(settings(Optional.of("pulse-api")), CLOCK);

        assertThatThrownBy(() -> forAudience.verify(signed(claims().with("aud", audience))))
                .hasMessage("wrong audience");
    }

    @Test
    void shouldRejectATokenWithoutAudienceWhenOneIsConfigured() {
        JwtVerifier forAudience = new JwtVerifier(settings(Optional.of("pulse-api")), CLOCK);

        assertThatThrownBy(() -> forAudience.verify(signed(claims()))).hasMessage("wrong audience");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[\"b64\"]", "[\"exp\",\"x-custom\"]"})
    void shouldRejectATokenRequiringExtensions(String critical) {
        String token = signedHeader("{\"alg\":\"HS256\",\"crit\":" + critical + ",\"b64\":true,\"exp\":1}");

        assertThat(refusal(token)).isEqualTo("token requires extensions (crit) this server does not support");
    }

    @ParameterizedTest
    @ValueSource(strings = {"[]", "\"b64\"", "42", "true", "null", "{}", "[42]", "[\"b64\",null]"})
    void shouldRejectAMalformedCriticalHeader(String critical) {
        String token = signedHeader("{\"alg\":\"HS256\",\"crit\":" + critical + "}");

        assertThat(refusal(token)).isEqualTo("malformed header 'crit'; this server supports no extensions");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "NONE", "None", "nOnE"})
    void shouldRejectAnyCaseOfAlgorithmNone(String algorithm) {
        String token = signedHeader("{\"alg\":\"" + algorithm + "\"}");

        assertThat(refusal(token)).isEqualTo("unsigned tokens are not accepted");
    }

    @ParameterizedTest
    @ValueSource(strings = {"hs256", "HS256 ", "", "HS384", "HS512", "RS256", "ES256", "PS256", "EdDSA", "dir",
            "é\\\"\\n"})
    void shouldRejectAnAlgorithmOtherThanTheKeys(String algorithm) {
        String token = signedHeader("{\"alg\":\"" + algorithm + "\"}");

        assertThat(refusal(token)).isEqualTo("algorithm not accepted; this server accepts HS256");
    }

    @ParameterizedTest
    @MethodSource("headersOfTheWrongShape")
    void shouldRejectAHeaderWithoutAUsableAlgorithmOrKeyId(String header, String expected) {
        assertThat(refusal(signedHeader(header))).isEqualTo(expected);
    }

    static Stream<Arguments> headersOfTheWrongShape() {
        return Stream.of(
                Arguments.of("{}", "token header has no 'alg'"),
                Arguments.of("{\"typ\":\"JWT\"}", "token header has no 'alg'"),
                Arguments.of("{\"alg\":256}", "header 'alg' must be a string"),
                Arguments.of("{\"alg\":null}", "header 'alg' must be a string"),
                Arguments.of("{\"alg\":[\"HS256\"]}", "header 'alg' must be a string"),
                Arguments.of("{\"alg\":\"HS256\",\"kid\":7}", "header 'kid' must be a string"),
                Arguments.of("{\"alg\":\"HS256\",\"kid\":{}}", "header 'kid' must be a string"));
    }

    @Test
    void shouldCheckAnHs256TokenAgainstTheSecretWhateverItsKeyId() {
        String token = signedHeader("{\"alg\":\"HS256\",\"kid\":\"rotated-away\"}");

        assertThat(verifier.verify(token).userId()).isEqualTo("ana");
    }

    @ParameterizedTest
    @MethodSource("garbage")
    void shouldRejectGarbageSayingWhatIsWrong(String token, String expected) {
        assertThat(refusal(token)).isEqualTo(expected);
    }

    static Stream<Arguments> garbage() {
        String claims = base64Url(Claims.valid(NOW, ISSUER).json());
        return Stream.of(
                Arguments.of("   ", "missing bearer token"),
                Arguments.of("...", "malformed token"),
                Arguments.of("..", "malformed token"),
                Arguments.of("a.b", "malformed token"),
                Arguments.of("a.b.c.d", "malformed token"),
                Arguments.of(base64Url(HS256_HEADER) + ".." + "c2ln", "malformed token"),
                Arguments.of("a.b.c", "malformed token: header is not base64url"),
                Arguments.of("!!!.???.###", "malformed token: header is not base64url"),
                Arguments.of("eyJh+/.e30.", "malformed token: header is not base64url"),
                Arguments.of("é.é.é", "malformed token: header is not base64url"),
                Arguments.of(base64Url("not json") + "." + claims + ".", "malformed token: header is not a JSON object"),
                Arguments.of(base64Url("[\"HS256\"]") + "." + claims + ".", "malformed token: header is not a JSON object"),
                Arguments.of(base64Url("\"HS256\"") + "." + claims + ".", "malformed token: header is not a JSON object"),
                Arguments.of(base64Url(HS256_HEADER + "{}") + "." + claims + ".",
                        "malformed token: header is not a JSON object"),
                Arguments.of(base64Url(new byte[] {'{', '"', (byte) 0xc3, '"', ':', '1', '}'}) + "." + claims + ".",
                        "malformed token: header is not a JSON object"),
                Arguments.of(base64Url(HS256_HEADER) + "." + claims + ".!!", "malformed token: signature is not base64url"),
                Arguments.of(base64Url(HS256_HEADER) + "." + claims + ".c2ln", "invalid signature"),
                Arguments.of("x".repeat(JwtVerifier.MAX_TOKEN_CHARS + 1),
                        "token is longer than the 16384 characters this server accepts"),
                Arguments.of(base64Url(HS256_HEADER) + "." + base64Url("{\"pad\":\"" + "x".repeat(1 << 20) + "\"}") + ".x",
                        "token is longer than the 16384 characters this server accepts"));
    }

    @Test
    void shouldRejectAMissingToken() {
        assertThat(refusal(null)).isEqualTo("missing bearer token");
    }

    @ParameterizedTest
    @MethodSource("signedPayloadsThatAreNotClaims")
    void shouldRejectASignedPayloadThatIsNotAJsonObjectOfClaims(String payload) {
        assertThat(refusal(RawTokens.hs256(SECRET, HS256_HEADER, payload)))
                .isEqualTo("malformed token: payload is not a JSON object");
    }

    static Stream<String> signedPayloadsThatAreNotClaims() {
        String claims = Claims.valid(NOW, ISSUER).json();
        return Stream.of("not json", "[]", "[" + claims + "]", "\"ana\"", "42", "null", claims + "{}", claims + "x",
                claims.replace("{", "{\"sub\":\"eve\","),
                "{\"a\":" + "[".repeat(4000) + "]".repeat(4000) + "}");
    }

    @Test
    void shouldCheckTheSignatureBeforeAnyClaim() {
        String badClaims = RawTokens.hs256(SECRET, HS256_HEADER, claims().with("exp", "\"soon\"").json());
        String forged = badClaims.substring(0, badClaims.lastIndexOf('.') + 1) + base64Url(new byte[32]);

        assertThat(refusal(forged)).isEqualTo("invalid signature");
    }

    @Test
    void shouldRefuseEveryCorruptedPayloadWithAHeaderSafeMessage() {
        Random random = new Random(20261123);
        String valid = claims().with("aud", "[\"a\"]").with("scope", "\"s\"").json();
        String alphabet = "{}[]\":,.-+eE0123456789 \\nultrfase\u00e9\u0000";
        for (int i = 0; i < 2000; i++) {
            StringBuilder corrupted = new StringBuilder(valid);
            for (int edits = 1 + random.nextInt(3); edits > 0; edits--) {
                corrupted.setCharAt(random.nextInt(corrupted.length()), alphabet.charAt(random.nextInt(alphabet.length())));
            }
            String token = RawTokens.hs256(SECRET, HS256_HEADER, corrupted.toString());
            try {
                verifier.verify(token);
            } catch (TokenRejectedException e) {
                // "malformed token" alone is the fallback for an exception no check foresaw.
                assertThat(e.getMessage()).as("message for %s", corrupted).matches(HEADER_SAFE)
                        .isNotEqualTo("malformed token");
            }
        }
    }
}
