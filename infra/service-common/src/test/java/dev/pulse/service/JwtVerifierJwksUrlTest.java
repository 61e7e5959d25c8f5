package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pulse.service.RawTokens.Claims;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The verifier with an identity provider's JWKS URL: keys fetched, rotated without a restart, refreshes bounded. */
class JwtVerifierJwksUrlTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CLAIMS = Claims.valid(NOW, "https://idp.example").json();
    private static final Duration NO_COOLDOWN = Duration.ZERO;
    private static final Duration LONG = Duration.ofHours(1);
    private static final String UNKNOWN_KEY = "unknown signing key (kid); the token is not signed by a key this server trusts";

    private static final SigningKeyPair RSA = SigningKeyPair.rs256("rsa-1");
    private static final SigningKeyPair EC = SigningKeyPair.es256("ec-1");
    private static final SigningKeyPair NEXT = SigningKeyPair.rs256("rsa-2");

    private final JwksServer idp = JwksServer.serving(SigningKeyPair.jwks(RSA, EC));
    private JwtVerifier verifier;

    @AfterEach
    void stop() {
        if (verifier != null) {
            verifier.close();
        }
        idp.close();
    }

    private JwtVerifier verifier(Duration refreshInterval, Duration cooldown) {
        JwtSettings.JwksUrl source = new JwtSettings.JwksUrl(idp.url(), refreshInterval, cooldown, Duration.ofSeconds(1));
        verifier = new JwtVerifier(new JwtSettings(Optional.empty(), Optional.empty(), Optional.of(source),
                Optional.empty(), Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(24)), CLOCK);
        return verifier;
    }

    @Test
    void shouldAcceptAnRs256TokenSignedWithAKeyAtTheUrl() {
        assertThat(verifier(LONG, LONG).verify(RSA.sign(CLAIMS)).userId()).isEqualTo("ana");
    }

    @Test
    void shouldAcceptAnEs256TokenSignedWithAKeyAtTheUrl() {
        assertThat(verifier(LONG, LONG).verify(EC.sign(CLAIMS)).userId()).isEqualTo("ana");
    }

    @Test
    void shouldAcceptAKeyPublishedAfterStartWhenATokenNamesIt() {
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);
        idp.publish(SigningKeyPair.jwks(NEXT, RSA));

        assertThat(verifier.verify(NEXT.sign(CLAIMS)).userId()).isEqualTo("ana");
        assertThat(idp.fetches()).isEqualTo(2);
    }

    @Test
    void shouldStopAcceptingAKeyTheUrlNoLongerPublishes() {
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);
        idp.publish(SigningKeyPair.jwks(NEXT));
        verifier.verify(NEXT.sign(CLAIMS));

        assertThatThrownBy(() -> verifier.verify(RSA.sign(CLAIMS))).hasMessage(UNKNOWN_KEY);
    }

    @Test
    void shouldFetchAgainOnTheRefreshSchedule() {
        JwtVerifier verifier = verifier(Duration.ofMillis(100), LONG);
        idp.publish(SigningKeyPair.jwks(NEXT));

        await().atMost(Duration.ofSeconds(10)).untilAsserted(
                () -> assertThatThrownBy(() -> verifier.verify(RSA.sign(CLAIMS))).hasMessage(UNKNOWN_KEY));
    }

    @Test
    void shouldKeepTheKeysFromBeforeWhenARefreshFails() {
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);
        idp.fail(503);
        assertThatThrownBy(() -> verifier.verify(NEXT.sign(CLAIMS))).hasMessage(UNKNOWN_KEY);

        assertThat(verifier.verify(RSA.sign(CLAIMS)).userId()).isEqualTo("ana");
        assertThat(idp.fetches()).isEqualTo(2);
    }

    @Test
    void shouldLogAFailedRefreshAsOneWarningWithoutAStackTrace() {
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);
        idp.fail(503);
        try (LogCapture log = LogCapture.open()) {
            assertThatThrownBy(() -> verifier.verify(NEXT.sign(CLAIMS))).hasMessage(UNKNOWN_KEY);

            assertThat(log.warningsOrWorse()).singleElement().satisfies(event -> {
                assertThat(event.getMessage().getFormattedMessage())
                        .isEqualTo("JWKS refresh from " + idp.url() + " failed: answered HTTP 503; keeping the keys from before");
                assertThat(event.getThrown()).isNull();
            });
        }
    }

    @Test
    void shouldStartWithoutKeysAndRefuseTokensUntilTheUrlAnswers() {
        idp.fail(503);
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);

        assertThatThrownBy(() -> verifier.verify(RSA.sign(CLAIMS))).isInstanceOf(TokenRejectedException.class)
                .hasMessageStartingWith("no signing keys loaded yet");
        idp.publish(SigningKeyPair.jwks(RSA));
        assertThat(verifier.verify(RSA.sign(CLAIMS)).userId()).isEqualTo("ana");
    }

    @Test
    void shouldRefuseATokenNamingAnUnknownKeyWithinTheTimeoutWhenTheUrlStalls() {
        JwtVerifier verifier = verifier(LONG, NO_COOLDOWN);
        idp.stall();
        long started = System.nanoTime();

        assertThatThrownBy(() -> verifier.verify(NEXT.sign(CLAIMS))).hasMessage(UNKNOWN_KEY);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void shouldRefuseAnHs256TokenKeyedWithThePublicKeyBytes() {
        byte[] publicKey = RSA.pair().getPublic().getEncoded();
        String token = RawTokens.hs256(publicKey, "{\"alg\":\"HS256\",\"kid\":\"rsa-1\"}", CLAIMS);

        assertThatThrownBy(() -> verifier(LONG, LONG).verify(token))
                .hasMessage("algorithm not accepted; this server accepts ES256, RS256");
    }

    @Test
    void shouldRefuseAnUnsignedToken() {
        String token = RawTokens.base64Url("{\"alg\":\"none\",\"kid\":\"rsa-1\"}") + "." + RawTokens.base64Url(CLAIMS) + ".";

        assertThatThrownBy(() -> verifier(LONG, LONG).verify(token)).hasMessage("unsigned tokens are not accepted");
    }

    @Test
    void shouldIgnoreASymmetricKeyPublishedInTheJwks() {
        byte[] secret = "a-shared-secret-nobody-should-publish".getBytes(StandardCharsets.UTF_8);
        idp.publish("{\"keys\":[" + RSA.publicJwk() + ",{\"kty\":\"oct\",\"kid\":\"hs-1\",\"alg\":\"HS256\",\"k\":\""
                + RawTokens.base64Url(secret) + "\"}]}");
        String token = RawTokens.hs256(secret, "{\"alg\":\"HS256\",\"kid\":\"hs-1\"}", CLAIMS);

        assertThatThrownBy(() -> verifier(LONG, LONG).verify(token))
                .hasMessage("algorithm not accepted; this server accepts RS256");
    }

    @Test
    void shouldReportAnExpiredTokenAsExpired() {
        String expired = RSA.sign(Claims.valid(NOW.minusSeconds(7200), "https://idp.example").json());

        assertThatThrownBy(() -> verifier(LONG, LONG).verify(expired)).isInstanceOfSatisfying(
                TokenRejectedException.class, e -> assertThat(e.kind()).isEqualTo(TokenRejectedException.Kind.EXPIRED));
    }

    @Test
    void shouldReportATokenSignedWithAnUnpublishedKeyAsInvalid() {
        assertThatThrownBy(() -> verifier(LONG, LONG).verify(NEXT.sign(CLAIMS))).isInstanceOfSatisfying(
                TokenRejectedException.class, e -> assertThat(e.kind()).isEqualTo(TokenRejectedException.Kind.INVALID));
    }
}
