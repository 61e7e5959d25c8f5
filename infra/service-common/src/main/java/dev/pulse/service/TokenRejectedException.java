package dev.pulse.service;

import java.util.Objects;

/**
 * A bearer token was refused; the message says why in terms a client developer can act on, and the
 * {@link Kind} says what the client should do next, so a caller that cannot send the message itself (a
 * WebSocket close code) can still tell a client to fetch a new token rather than back off.
 *
 * <p>The message goes verbatim into a {@code WWW-Authenticate: Bearer error_description="..."} header
 * (RFC 6750 §3 allows printable ASCII without {@code "} and {@code \} there), so any other character is
 * replaced by {@code ?} here, once, rather than trusted to every caller. It carries no stack trace:
 * it is a client's mistake, not ours, and refusing a flood of bad tokens should stay cheap.
 */
public final class TokenRejectedException extends RuntimeException {

    /** Why a token was refused, coarsely: what a client can act on without reading the message. */
    public enum Kind {
        /** No token was sent: the client must send one. */
        MISSING,
        /** A valid token whose {@code exp} has passed (beyond the allowed clock skew): refresh it. */
        EXPIRED,
        /** Anything else (malformed, wrongly signed, unknown key, wrong issuer or audience, ...): get a new one. */
        INVALID
    }

    private final Kind kind;

    /** An {@link Kind#INVALID} token. */
    public TokenRejectedException(String reason) {
        this(Kind.INVALID, reason);
    }

    public TokenRejectedException(Kind kind, String reason) {
        super(headerSafe(reason), null, false, false);
        this.kind = Objects.requireNonNull(kind, "kind");
    }

    public Kind kind() {
        return kind;
    }

    private static String headerSafe(String reason) {
        StringBuilder safe = new StringBuilder(reason.length());
        reason.chars().forEach(c -> safe.append(isHeaderSafe(c) ? (char) c : '?'));
        return safe.toString();
    }

    private static boolean isHeaderSafe(int c) {
        return c >= 0x20 && c <= 0x7e && c != '"' && c != '\\';
    }
}
