package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class JwtVerifierTest {

    private static final byte[] SECRET = Base64.getDecoder().decode(HmacTokens.newSecret());
    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    private final HmacTokens tokens = new HmacTokens(SECRET, "pulse-test", CLOCK);
    private final JwtVerifier verifier = new JwtVerifier(settings(Optional.of("pulse-test")), CLOCK);

    private static JwtSettings settings(Optional<String> issuer) {
        return new JwtSettings(Optional.of(SECRET), Optional.empty(), issuer, Optional.empty(), Duration.ofSeconds(30),
                JwtSettings.DEFAULT_MAX_LIFETIME);
    }

    @Test
    void shouldReturnTheSubjectAndScopesOfAValidToken() {
        Principal principal = verifier.verify(tokens.issue("ana", List.of("analytics"), Duration.ofHours(1)));

        assertThat(principal.userId()).isEqualTo("ana");
        assertThat(principal.hasScope(Principal.ANALYTICS_SCOPE)).isTrue();
        assertThat(principal.expiresAt()).isEqualTo(NOW.plus(Duration.ofHours(1)));
    }

    @Test
    void shouldRejectAnExpiredToken() {
        HmacTokens earlier = new HmacTokens(SECRET, "pulse-test", Clock.fixed(NOW.minusSeconds(7200), ZoneOffset.UTC));
        String token = earlier.issue("ana", List.of(), Duration.ofHours(1));

        assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                .hasMessage("token expired");
    }

    @Test
    void shouldRejectATokenSignedWithAnotherKey() {
        HmacTokens other = new HmacTokens(Base64.getDecoder().decode(HmacTokens.newSecret()), "pulse-test", CLOCK);

        assertThatThrownBy(() -> verifier.verify(other.issue("ana", List.of(), Duration.ofHours(1))))
                .hasMessage("invalid signature");
    }

    @Test
    void shouldRejectAnUnsignedToken() {
        String header = base64Url("{\"alg\":\"none\",\"typ\":\"JWT\"}");
        String payload = base64Url("{\"sub\":\"ana\",\"iss\":\"pulse-test\",\"exp\":" + NOW.plusSeconds(600).getEpochSecond() + "}");

        assertThatThrownBy(() -> verifier.verify(header + "." + payload + "."))
                .hasMessage("unsigned tokens are not accepted");
    }

    @Test
    void shouldRejectATokenFromAnotherIssuer() {
        HmacTokens otherIssuer = new HmacTokens(SECRET, "someone-else", CLOCK);

        assertThatThrownBy(() -> verifier.verify(otherIssuer.issue("ana", List.of(), Duration.ofHours(1))))
                .hasMessage("wrong issuer");
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

    private static String base64Url(String json) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }
}
