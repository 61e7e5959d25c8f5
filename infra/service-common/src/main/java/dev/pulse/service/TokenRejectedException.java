package dev.pulse.service;

/**
 * A bearer token was refused; the message says why in terms a client developer can act on.
 *
 * <p>The message goes verbatim into a {@code WWW-Authenticate: Bearer error_description="..."} header
 * (RFC 6750 §3 allows printable ASCII without {@code "} and {@code \} there), so any other character is
 * replaced by {@code ?} here, once, rather than trusted to every caller. It carries no stack trace:
 * it is a client's mistake, not ours, and refusing a flood of bad tokens should stay cheap.
 */
public final class TokenRejectedException extends RuntimeException {

    public TokenRejectedException(String reason) {
        super(headerSafe(reason), null, false, false);
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
