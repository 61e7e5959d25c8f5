package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.service.RawTokens.Claims;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The verifier with a JWKS of public keys, as with an identity provider: RS256 and ES256 only. */
class JwtVerifierKeysTest {

    private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    private static final String CLAIMS = Claims.valid(NOW, "https://idp.example").json();

    private static final SigningKeyPair RSA = SigningKeyPair.rs256("rsa-1");
    private static final SigningKeyPair EC = SigningKeyPair.es256("ec-1");

    private static String jwks;
    private static JwtVerifier verifier;

    @BeforeAll
    static void publishKeys(@TempDir Path dir) throws IOException {
        jwks = SigningKeyPair.jwks(RSA, EC);
        Path file = Files.writeString(dir.resolve("jwks.json"), jwks);
        verifier = new JwtVerifier(new JwtSettings(Optional.empty(), Optional.of(file), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofHours(24)), CLOCK);
    }

    private static String rs256(String header) {
        return RSA.sign(header, CLAIMS);
    }

    @Test
    void shouldAcceptAnRs256TokenSignedWithAPublishedKey() {
        assertThat(verifier.verify(rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}")).userId()).isEqualTo("ana");
    }

    @Test
    void shouldAcceptAnEs256TokenSignedWithAPublishedKey() {
        assertThat(verifier.verify(EC.sign(CLAIMS)).userId()).isEqualTo("ana");
    }

    @Test
    void shouldTryEveryKeyOfTheAlgorithmWhenTheTokenNamesNone() {
        assertThat(verifier.verify(rs256("{\"alg\":\"RS256\"}")).userId()).isEqualTo("ana");
    }

    @Test
    void shouldRejectAKeyIdThatIsNotPublished() {
        assertThatThrownBy(() -> verifier.verify(rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-2\"}")))
                .isInstanceOf(TokenRejectedException.class)
                .hasMessage("unknown signing key (kid); the token is not signed by a key this server trusts");
    }

    @Test
    void shouldRejectAKeyIdOfAKeyForAnotherAlgorithm() {
        assertThatThrownBy(() -> verifier.verify(rs256("{\"alg\":\"RS256\",\"kid\":\"ec-1\"}")))
                .hasMessage("unknown signing key (kid); the token is not signed by a key this server trusts");
    }

    @Test
    void shouldRejectAnRs256TokenSignedWithAnotherKey() {
        String token = new SigningKeyPair("rsa-1", "RS256", SigningKeyPair.rs256("other").pair()).sign(CLAIMS);

        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("invalid signature");
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "AAAA", "c2lnbmF0dXJl"})
    void shouldRejectASignatureOfTheWrongSize(String signature) {
        String token = rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}");
        String truncated = token.substring(0, token.lastIndexOf('.') + 1) + signature;

        assertThatThrownBy(() -> verifier.verify(truncated)).hasMessage("invalid signature");
    }

    @ParameterizedTest
    @MethodSource("publicKeyMaterial")
    void shouldRejectAnHs256TokenKeyedWithPublicKeyMaterial(byte[] secret) {
        for (String kid : new String[] {"rsa-1", "ec-1"}) {
            String token = RawTokens.hs256(secret, "{\"alg\":\"HS256\",\"kid\":\"" + kid + "\"}", CLAIMS);

            assertThatThrownBy(() -> verifier.verify(token)).isInstanceOf(TokenRejectedException.class)
                    .hasMessage("algorithm not accepted; this server accepts ES256, RS256");
        }
    }

    static Stream<byte[]> publicKeyMaterial() {
        return Stream.of(RSA.pair().getPublic().getEncoded(), EC.pair().getPublic().getEncoded(),
                jwks.getBytes(StandardCharsets.UTF_8), ((RSAPublicKey) RSA.pair().getPublic()).getModulus().toByteArray());
    }

    @Test
    void shouldRejectAnRs256TokenWhenTheKeyIsASharedSecret() {
        byte[] secret = new byte[JwtSettings.MIN_SECRET_BYTES];
        JwtVerifier sharedSecret = new JwtVerifier(new JwtSettings(Optional.of(secret), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(24)), CLOCK);

        assertThatThrownBy(() -> sharedSecret.verify(rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}")))
                .hasMessage("algorithm not accepted; this server accepts HS256");
    }

    @Test
    void shouldRejectAnEs256SignatureUnderAnRs256Header() {
        String token = EC.sign("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", CLAIMS);

        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("invalid signature");
    }

    @Test
    void shouldRefuseToStartWithAJwksFileThatHoldsOnlyASymmetricKey(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("oct.json"),
                "{\"keys\":[{\"kty\":\"oct\",\"kid\":\"hs-1\",\"alg\":\"HS256\",\"k\":\"c2VjcmV0\"}]}");

        assertThatThrownBy(() -> new JwtVerifier(new JwtSettings(Optional.empty(), Optional.of(file), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(24)), CLOCK))
                .hasMessage("security.jwt.jwks.file: " + file + " holds no RSA or EC key");
    }
}
