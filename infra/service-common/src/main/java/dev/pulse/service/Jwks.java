package dev.pulse.service;

import io.helidon.security.jwt.jwk.Jwk;
import io.helidon.security.jwt.jwk.JwkKeys;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import java.io.StringReader;
import java.util.List;

/**
 * Reads a JWKS document (RFC 7517 §5), from a file or a URL alike, into the public keys a token may be
 * signed with. Only RSA and EC keys are kept: a JWKS is public, so a symmetric ({@code oct}) key in one
 * would let anyone who reads it sign tokens. Helidon's {@link JwkKeys} does the parsing; keys it cannot
 * read are skipped with its own warning.
 */
final class Jwks {

    private static final List<String> PUBLIC_KEY_TYPES = List.of(Jwk.KEY_TYPE_RSA, Jwk.KEY_TYPE_EC);

    private Jwks() {
    }

    /**
     * The public keys of {@code json}.
     *
     * @throws IllegalArgumentException naming {@code source}, when it is not a JWKS or holds no RSA or EC key
     */
    static List<Jwk> publicKeys(String json, String source) {
        List<Jwk> keys;
        try {
            JsonObject document = Json.createReader(new StringReader(json)).readObject();
            keys = JwkKeys.create(document).keys();
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(source + " is not a JWKS (a JSON object with a 'keys' array)");
        }
        List<Jwk> publicKeys = keys.stream().filter(key -> PUBLIC_KEY_TYPES.contains(key.keyType())).toList();
        if (publicKeys.isEmpty()) {
            throw new IllegalArgumentException(source + " holds no RSA or EC key");
        }
        return publicKeys;
    }
}
