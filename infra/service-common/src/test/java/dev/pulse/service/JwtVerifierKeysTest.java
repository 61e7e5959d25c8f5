package dev.pulse.service;

import static dev.pulse.service.RawTokens.base64Url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.service.RawTokens.Claims;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
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

    private static KeyPair rsa;
    private static KeyPair ec;
    private static String jwks;
    private static JwtVerifier verifier;

    @BeforeAll
    static void publishKeys(@TempDir Path dir) throws GeneralSecurityException, IOException {
        rsa = keyPair("RSA", null);
        ec = keyPair("EC", new ECGenParameterSpec("secp256r1"));
        jwks = "{\"keys\":[" + rsaJwk((RSAPublicKey) rsa.getPublic()) + "," + ecJwk((ECPublicKey) ec.getPublic()) + "]}";
        Path file = Files.writeString(dir.resolve("jwks.json"), jwks);
        verifier = new JwtVerifier(new JwtSettings(Optional.empty(), Optional.of(file), Optional.empty(), Optional.empty(),
                Duration.ofSeconds(30), Duration.ofHours(24)), CLOCK);
    }

    private static KeyPair keyPair(String algorithm, ECGenParameterSpec curve) throws GeneralSecurityException {
        KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
        if (curve == null) {
            generator.initialize(2048);
        } else {
            generator.initialize(curve);
        }
        return generator.generateKeyPair();
    }

    private static String rsaJwk(RSAPublicKey key) {
        return "{\"kty\":\"RSA\",\"kid\":\"rsa-1\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\"" + unsigned(key.getModulus(), 256)
                + "\",\"e\":\"" + unsigned(key.getPublicExponent(), 3) + "\"}";
    }

    private static String ecJwk(ECPublicKey key) {
        return "{\"kty\":\"EC\",\"kid\":\"ec-1\",\"alg\":\"ES256\",\"use\":\"sig\",\"crv\":\"P-256\",\"x\":\""
                + unsigned(key.getW().getAffineX(), 32) + "\",\"y\":\"" + unsigned(key.getW().getAffineY(), 32) + "\"}";
    }

    /** RFC 7518 §6: the big-endian magnitude without a sign byte, left-padded to {@code size} bytes. */
    private static String unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, size);
        byte[] magnitude = new byte[size];
        System.arraycopy(bytes, bytes.length - length, magnitude, size - length, length);
        return base64Url(magnitude);
    }

    private static String rs256(String header) {
        return RawTokens.signed("SHA256withRSA", rsa.getPrivate(), header, CLAIMS);
    }

    @Test
    void shouldAcceptAnRs256TokenSignedWithAPublishedKey() {
        assertThat(verifier.verify(rs256("{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}")).userId()).isEqualTo("ana");
    }

    @Test
    void shouldAcceptAnEs256TokenSignedWithAPublishedKey() {
        String token = RawTokens.signed("SHA256withECDSAinP1363Format", ec.getPrivate(),
                "{\"alg\":\"ES256\",\"kid\":\"ec-1\"}", CLAIMS);

        assertThat(verifier.verify(token).userId()).isEqualTo("ana");
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
    void shouldRejectAnRs256TokenSignedWithAnotherKey() throws GeneralSecurityException {
        String token = RawTokens.signed("SHA256withRSA", keyPair("RSA", null).getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", CLAIMS);

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
        return Stream.of(rsa.getPublic().getEncoded(), ec.getPublic().getEncoded(),
                jwks.getBytes(StandardCharsets.UTF_8), ((RSAPublicKey) rsa.getPublic()).getModulus().toByteArray());
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
        String token = RawTokens.signed("SHA256withECDSAinP1363Format", ec.getPrivate(),
                "{\"alg\":\"RS256\",\"kid\":\"rsa-1\"}", CLAIMS);

        assertThatThrownBy(() -> verifier.verify(token)).hasMessage("invalid signature");
    }
}
