package dev.pulse.service;

import static dev.pulse.service.RawTokens.base64Url;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/**
 * A key pair as an identity provider holds one: it signs tokens with the private key and publishes the
 * public one in its JWKS. ES256 signs with {@code SHA256withECDSAinP1363Format}, whose output is already
 * JOSE's r||s (RFC 7518 §3.4) rather than the DER that {@code SHA256withECDSA} gives.
 */
record SigningKeyPair(String keyId, String algorithm, KeyPair pair) {

    static SigningKeyPair rs256(String keyId) {
        return new SigningKeyPair(keyId, "RS256", generate("RSA", null));
    }

    static SigningKeyPair es256(String keyId) {
        return new SigningKeyPair(keyId, "ES256", generate("EC", new ECGenParameterSpec("secp256r1")));
    }

    /** A JWKS document publishing {@code keys}. */
    static String jwks(SigningKeyPair... keys) {
        return Arrays.stream(keys).map(SigningKeyPair::publicJwk).collect(Collectors.joining(",", "{\"keys\":[", "]}"));
    }

    /** A token with these claims, its header naming this key's algorithm and id. */
    String sign(String claims) {
        return sign("{\"alg\":\"" + algorithm + "\",\"kid\":\"" + keyId + "\"}", claims);
    }

    String sign(String header, String claims) {
        String javaAlgorithm = algorithm.equals("RS256") ? "SHA256withRSA" : "SHA256withECDSAinP1363Format";
        return RawTokens.signed(javaAlgorithm, pair.getPrivate(), header, claims);
    }

    String publicJwk() {
        if (pair.getPublic() instanceof RSAPublicKey rsa) {
            return "{\"kty\":\"RSA\",\"kid\":\"" + keyId + "\",\"alg\":\"RS256\",\"use\":\"sig\",\"n\":\""
                    + unsigned(rsa.getModulus(), 256) + "\",\"e\":\"" + unsigned(rsa.getPublicExponent(), 3) + "\"}";
        }
        ECPublicKey ec = (ECPublicKey) pair.getPublic();
        return "{\"kty\":\"EC\",\"kid\":\"" + keyId + "\",\"alg\":\"ES256\",\"use\":\"sig\",\"crv\":\"P-256\",\"x\":\""
                + unsigned(ec.getW().getAffineX(), 32) + "\",\"y\":\"" + unsigned(ec.getW().getAffineY(), 32) + "\"}";
    }

    /** RFC 7518 §6: the big-endian magnitude without a sign byte, left-padded to {@code size} bytes. */
    private static String unsigned(BigInteger value, int size) {
        byte[] bytes = value.toByteArray();
        int length = Math.min(bytes.length, size);
        byte[] magnitude = new byte[size];
        System.arraycopy(bytes, bytes.length - length, magnitude, size - length, length);
        return base64Url(magnitude);
    }

    private static KeyPair generate(String algorithm, ECGenParameterSpec curve) {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
            if (curve == null) {
                generator.initialize(2048);
            } else {
                generator.initialize(curve);
            }
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
