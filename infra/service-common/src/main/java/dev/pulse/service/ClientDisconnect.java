package dev.pulse.service;

import io.helidon.common.buffers.DataReader;
import io.helidon.webserver.CloseConnectionException;
import java.io.EOFException;
import java.net.SocketException;

/**
 * Recognises a failure that only means the client went away while a handler read its request or wrote its response:
 * the connection ended before the body was complete ({@code InsufficientDataAvailableException}), was reset, or
 * its pipe broke. Such failures are the client's doing and are worth a DEBUG line, not an ERROR with a stack trace.
 *
 * <p>The same exception types thrown by an outbound call (another service resetting a connection we opened) are
 * not a client disconnect and are not recognised: the failure must come from the server's own connection.
 */
public final class ClientDisconnect {

    /** Problem code for a request cut short by its client, should the client still read the answer. */
    public static final String CODE = "incomplete-request";
    public static final String DETAIL = "The connection ended before the request was complete.";

    private static final int MAX_CAUSES = 16;

    private ClientDisconnect() {
    }

    /** Whether {@code failure}, or one of its causes, is the server's connection to its client ending. */
    public static boolean isDisconnect(Throwable failure) {
        Throwable cause = failure;
        for (int depth = 0; cause != null && depth < MAX_CAUSES; depth++, cause = cause.getCause()) {
            if (cause instanceof CloseConnectionException) {
                return true;
            }
            if (isConnectionEnd(cause) && ServerConnectionFrames.thrownByServer(cause)) {
                return true;
            }
        }
        return false;
    }

    private static boolean isConnectionEnd(Throwable cause) {
        return cause instanceof DataReader.InsufficientDataAvailableException
                || cause instanceof SocketException
                || cause instanceof EOFException;
    }
}
