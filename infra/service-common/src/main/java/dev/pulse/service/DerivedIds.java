package dev.pulse.service;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.UUID;

/**
 * Event ids derived from what names a write, so a retry of the same write carries the same id and the
 * processor's dedup drops it: an ingest request's {@code Idempotency-Key}, a chat message's client
 * message id. A name-based UUID, version 8 with SHA-256 as RFC 9562 (appendix B.2) shows, over a
 * namespace and the parts, each length-prefixed so no two different inputs share a name.
 */
public final class DerivedIds {

    private DerivedIds() {
    }

    /** The id named by {@code parts} within {@code namespace} (e.g. {@code pulse:edge:message:v1}). */
    public static UUID of(String namespace, String... parts) {
        MessageDigest sha = sha256();
        sha.update(namespace.getBytes(StandardCharsets.UTF_8));
        for (String part : parts) {
            byte[] bytes = part.getBytes(StandardCharsets.UTF_8);
            sha.update(ByteBuffer.allocate(Integer.BYTES).putInt(bytes.length).array());
            sha.update(bytes);
        }
        byte[] hash = sha.digest();
        hash[6] = (byte) ((hash[6] & 0x0f) | 0x80);
        hash[8] = (byte) ((hash[8] & 0x3f) | 0x80);
        ByteBuffer bits = ByteBuffer.wrap(hash);
        return new UUID(bits.getLong(), bits.getLong());
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
