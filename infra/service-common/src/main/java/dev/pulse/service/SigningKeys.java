package dev.pulse.service;

import static java.util.stream.Collectors.joining;

import io.helidon.security.jwt.jwk.Jwk;
import java.util.List;

/**
 * Where {@link JwtVerifier} gets the keys a token may be signed with: fixed for a secret or a JWKS file,
 * fetched and refreshed for a JWKS URL ({@link RemoteJwks}). Implementations are thread-safe.
 */
interface SigningKeys extends AutoCloseable {

    /** The keys now, without waiting. */
    Snapshot current();

    /**
     * The keys after trying to learn new ones, because a token named a key id the current ones lack;
     * may wait a bounded time for a fetch, and may return {@link #current()} unchanged.
     */
    Snapshot refreshed();

    /** Stops any background refresh. */
    @Override
    void close();

    /** Keys that never change. */
    static SigningKeys fixed(List<Jwk> keys) {
        Snapshot snapshot = Snapshot.of(keys);
        return new SigningKeys() {
            @Override
            public Snapshot current() {
                return snapshot;
            }

            @Override
            public Snapshot refreshed() {
                return snapshot;
            }

            @Override
            public void close() {
            }
        };
    }

    /** One immutable set of keys, with the algorithms they accept as a refusal names them. */
    record Snapshot(List<Jwk> keys, String acceptedAlgorithms) {

        static final Snapshot EMPTY = of(List.of());

        static Snapshot of(List<Jwk> keys) {
            return new Snapshot(List.copyOf(keys),
                    keys.stream().map(Jwk::algorithm).distinct().sorted().collect(joining(", ")));
        }

        boolean hasKeyId(String keyId) {
            return keys.stream().anyMatch(key -> keyId.equals(key.keyId()));
        }
    }
}
