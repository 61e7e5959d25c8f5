package dev.pulse.service;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Builds compact JWS tokens from raw JSON text and signs them validly, so a test can hand the verifier
 * what {@link HmacTokens} would never issue: the signature passes and only the content checks stand
 * between a careless issuer and the service.
 */
final class RawTokens {

    static final String HS256_HEADER = "{\"alg\":\"HS256\",\"typ\":\"JWT\"}";

    private RawTokens() {
    }

    static String hs256(byte[] secret, String header, String payload) {
        String signingInput = base64Url(header) + "." + base64Url(payload);
        return signingInput + "." + base64Url(hmacSha256(secret, signingInput));
    }

    static String signed(String algorithm, PrivateKey key, String header, String payload) {
        String signingInput = base64Url(header) + "." + base64Url(payload);
        try {
            Signature signature = Signature.getInstance(algorithm);
            signature.initSign(key);
            signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + base64Url(signature.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] hmacSha256(byte[] secret, String signingInput) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static String base64Url(String text) {
        return base64Url(text.getBytes(StandardCharsets.UTF_8));
    }

    static String base64Url(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Claims as raw JSON members, so any claim can hold any JSON text, well-formed or not. */
    static final class Claims {

        private final Map<String, String> members = new LinkedHashMap<>();

        /** What a good issuer sends: subject, issuer, an hour of validity, nbf and iat now. */
        static Claims valid(Instant now, String issuer) {
            return new Claims().with("sub", "\"ana\"").with("iss", "\"" + issuer + "\"")
                    .with("exp", String.valueOf(now.plusSeconds(3600).getEpochSecond()))
                    .with("nbf", String.valueOf(now.getEpochSecond()))
                    .with("iat", String.valueOf(now.getEpochSecond()));
        }

        Claims with(String name, String json) {
            members.put(name, json);
            return this;
        }

        Claims without(String name) {
            members.remove(name);
            return this;
        }

        String json() {
            return members.entrySet().stream().map(member -> "\"" + member.getKey() + "\":" + member.getValue())
                    .collect(Collectors.joining(",", "{", "}"));
        }
    }
}
