package dev.pulse.service;

import io.helidon.http.DateTime;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted socket as {@link SlowRequestGuard} sees it: when the headers of the request being read are due,
 * and the socket's read timeout. Arming and settling a deadline is one atomic write, so a request costs no timer;
 * {@link SlowRequestGuard}'s sweeper finds the overdue ones. Exactly one of {@link #settle()} (the headers came in
 * time) and {@link #expireIfOverdue(long)} wins, so a request whose headers arrive as the deadline passes is either
 * served or answered 408, never both.
 */
final class GuardedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);
    private static final long NO_DEADLINE = Long.MIN_VALUE;
    private static final long EXPIRED = Long.MIN_VALUE + 1;

    private final Socket socket;
    private final SocketAddress peer;
    private final AtomicLong headersDueNanos = new AtomicLong(NO_DEADLINE);
    private int readTimeoutMillis = -1;

    GuardedConnection(Socket socket) {
        this.socket = socket;
        this.peer = socket.getRemoteSocketAddress();
    }

    Socket socket() {
        return socket;
    }

    SocketAddress peer() {
        return peer;
    }

    /** The headers of the request starting now are due within {@code timeout}. */
    void expectHeadersWithin(Duration timeout) {
        headersDueNanos.set(System.nanoTime() + timeout.toNanos());
    }

    /** @return false if the deadline of the current request has already passed (and 408 was sent) */
    boolean settle() {
        while (true) {
            long due = headersDueNanos.get();
            if (due == EXPIRED) {
                return false;
            }
            if (due == NO_DEADLINE || headersDueNanos.compareAndSet(due, NO_DEADLINE)) {
                return true;
            }
        }
    }

    boolean readingHeaders() {
        long due = headersDueNanos.get();
        return due != NO_DEADLINE && due != EXPIRED;
    }

    /** @return true if this call found the headers overdue at {@code nowNanos} and took the expiry */
    boolean expireIfOverdue(long nowNanos) {
        long due = headersDueNanos.get();
        return due != NO_DEADLINE && due != EXPIRED && nowNanos - due >= 0 && headersDueNanos.compareAndSet(due, EXPIRED);
    }

    /**
     * Bounds every later read of this socket; zero for none. Only the connection's own thread calls it; a timed
     * read costs a timer per read on a virtual thread, so reads are untimed wherever the sweeper or Helidon's idle
     * check already bound them.
     */
    void readTimeout(Duration timeout) {
        int millis = Math.toIntExact(Math.min(timeout.toMillis(), Integer.MAX_VALUE));
        if (millis == readTimeoutMillis) {
            return;
        }
        try {
            socket.setSoTimeout(millis);
            readTimeoutMillis = millis;
        } catch (SocketException e) {
            LOG.debug("Cannot set the read timeout of a closing socket: {}", e.toString());
        }
    }

    /**
     * Writes a 408 problem and closes the socket. Called off the connection's own thread while it waits for more
     * header bytes, so nothing else writes to the socket; the blocked read then fails quietly as a closed socket.
     */
    void answerTimeoutAndClose(Duration timeout) {
        try (socket) {
            OutputStream out = socket.getOutputStream();
            out.write(timeoutResponse(timeout));
            out.flush();
        } catch (IOException e) {
            LOG.debug("Could not answer a timed-out request: {}", e.toString());
        }
    }

    private static byte[] timeoutResponse(Duration timeout) {
        Status status = Status.REQUEST_TIMEOUT_408;
        byte[] body = Json.bytes(Problem.of(status, "request-timeout",
                "The request headers were not complete within " + readable(timeout) + ".", null));
        String head = "HTTP/1.1 " + status.code() + " " + status.reasonPhrase() + "\r\n"
                + "Date: " + DateTime.rfc1123String() + "\r\n"
                + "Content-Type: " + Problem.CONTENT_TYPE + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "Connection: close\r\n\r\n";
        byte[] headBytes = head.getBytes(StandardCharsets.US_ASCII);
        byte[] response = new byte[headBytes.length + body.length];
        System.arraycopy(headBytes, 0, response, 0, headBytes.length);
        System.arraycopy(body, 0, response, headBytes.length, body.length);
        return response;
    }

    private static String readable(Duration timeout) {
        return timeout.toMillis() % 1000 == 0 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms";
    }
}
