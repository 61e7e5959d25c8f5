package dev.pulse.edge;

/**
 * The close codes a client may get from {@code /ws}, as documented in docs/PROTOCOL.md. The 4000s are
 * ours: each tells the client what to do next (refresh its token, resume later, stop).
 */
final class CloseCodes {

    /** The server is draining (shutdown or deploy): reconnect, to any node, and resume. */
    static final int GOING_AWAY = 1001;
    /** A frame above the configured size. */
    static final int TOO_BIG = 1009;
    /** The node cannot serve the user now (the query API or Kafka is unreachable): reconnect with backoff. */
    static final int TRY_AGAIN_LATER = 1013;
    /** No token in the header, the {@code token} parameter or the subprotocol: get one, then connect. */
    static final int TOKEN_MISSING = 4001;
    /** A token that will never be accepted (signature, issuer, audience, shape): get a new one. */
    static final int TOKEN_INVALID = 4002;
    /** The token expired (at connect or during the connection): refresh it and reconnect at once. */
    static final int TOKEN_EXPIRED = 4003;
    /** The client did not read fast enough; its queue overflowed: reconnect and resume from the last seq. */
    static final int SLOW_CONSUMER = 4008;
    /** The user already has the most connections allowed: close another first. */
    static final int TOO_MANY_CONNECTIONS = 4009;

    private CloseCodes() {
    }
}
