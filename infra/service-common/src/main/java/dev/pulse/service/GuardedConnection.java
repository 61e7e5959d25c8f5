package dev.pulse.service;

import io.helidon.http.DateTime;
import io.helidon.http.Status;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One accepted socket as {@link SlowRequestGuard} sees it: its read timeout, which changes with the phase of the
 * exchange, and the deadline of the request whose headers are being read, if any.
 */
final class GuardedConnection {

    private static final Logger LOG = LoggerFactory.getLogger(GuardedConnection.class);

    private final Socket socket;
    private volatile RequestDeadline deadline;

    GuardedConnection(Socket socket) {
        this.socket = socket;
    }

    Socket socket() {
        return socket;
    }

    void deadline(RequestDeadline deadline) {
        this.deadline = deadline;
    }

    /** @return false if the deadline of the current request has already fired */
    boolean headersComplete() {
        RequestDeadline current = deadline;
        return current == null || current.settle();
    }

    boolean readingHeaders() {
        RequestDeadline current = deadline;
        return current != null && current.pending();
    }

    /** Bounds every later read of this socket; zero for none. */
    void readTimeout(Duration timeout) {
        try {
            socket.setSoTimeout(Math.toIntExact(Math.min(timeout.toMillis(), Integer.MAX_VALUE)));
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
