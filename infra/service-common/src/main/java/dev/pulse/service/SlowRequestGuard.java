package dev.pulse.service;

import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.net.Socket;
import java.net.SocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Times out slow HTTP/1 requests, which Helidon 4.3.1 lets hang: its idle-connection check never interrupts a
 * request in progress, and the listener's {@code connection-options.read-timeout} is not applied to accepted sockets.
 *
 * <p>Phases of a connection and what bounds them:
 * <ul>
 *   <li>accept, or a later request line, until the headers are complete: {@link RequestTimeouts#request()} in total,
 *       then a 408 problem and close (a client dripping a header line every few seconds cannot hold it open);</li>
 *   <li>headers complete until the response starts, when the request has a body (the handler reading it): the same
 *       value per read, then a quiet close;</li>
 *   <li>after a protocol upgrade: {@link RequestTimeouts#upgradedRead()} per read;</li>
 *   <li>otherwise, and until the next request line (keep-alive idle): untimed reads, which Helidon's idle check
 *       ends.</li>
 * </ul>
 *
 * <p>Deadlines cost no timer per request: arming and settling one is an atomic write on the connection, and one
 * sweeper thread looks for overdue connections a few times per timeout (so a 408 comes within an eighth of the
 * timeout, at most 250 ms, after it). Timed reads cost a timer per read on a virtual thread, so only body reads are
 * timed. Helidon calls the listener methods on the connection's own virtual thread, one thread per connection, so
 * the connection's state lives in a thread local. The socket itself is only seen at accept (by
 * {@link GuardedSocketOptions}), on the listener thread, and is handed over by remote address at the first request
 * line.
 */
final class SlowRequestGuard {

    private static final Duration LONGEST_SWEEP = Duration.ofMillis(250);

    private final RequestTimeouts timeouts;
    private final Set<GuardedConnection> open = ConcurrentHashMap.newKeySet();
    private final Map<SocketAddress, GuardedConnection> accepted = new ConcurrentHashMap<>();
    private final ThreadLocal<GuardedConnection> current = new ThreadLocal<>();

    SlowRequestGuard(RequestTimeouts timeouts) {
        this.timeouts = timeouts;
        long sweepNanos = Math.min(timeouts.request().toNanos() / 8, LONGEST_SWEEP.toNanos());
        sweeper().scheduleWithFixedDelay(this::sweep, sweepNanos, sweepNanos, TimeUnit.NANOSECONDS);
    }

    /** A socket was accepted: its first request's headers are due within the request timeout. */
    void accepted(Socket socket) {
        GuardedConnection connection = new GuardedConnection(socket);
        connection.expectHeadersWithin(timeouts.request());
        open.add(connection);
        accepted.put(connection.peer(), connection);
    }

    /** Sees requests arrive: register as the HTTP/1 receive listener. */
    Http1ConnectionListener receiving() {
        return new Http1ConnectionListener() {
            @Override
            public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
                requestLine(ctx);
            }

            @Override
            public void headers(ConnectionContext ctx, Headers headers) {
                requestHeaders(headers);
            }
        };
    }

    /** Sees responses start: register as the HTTP/1 send listener. */
    Http1ConnectionListener sending() {
        return new Http1ConnectionListener() {
            @Override
            public void status(ConnectionContext ctx, Status status) {
                responseStarted();
            }
        };
    }

    private void requestLine(ConnectionContext ctx) {
        GuardedConnection connection = current.get();
        if (connection == null) {
            connection = accepted.remove(ctx.remotePeer().address());
            if (connection != null) {
                current.set(connection);
            }
            return;
        }
        connection.expectHeadersWithin(timeouts.request());
    }

    private void requestHeaders(Headers headers) {
        GuardedConnection connection = current.get();
        if (connection == null) {
            return;
        }
        if (!connection.settle()) {
            throw new CloseConnectionException("Request headers came after the request timeout; 408 already sent");
        }
        if (hasBody(headers)) {
            connection.readTimeout(timeouts.request());
        } else if (headers.contains(HeaderNames.UPGRADE)) {
            connection.readTimeout(timeouts.upgradedRead());
        }
    }

    private void responseStarted() {
        GuardedConnection connection = current.get();
        if (connection != null) {
            connection.readTimeout(Duration.ZERO);
        }
    }

    /** Helidon upgrades only requests without an entity, so a body is always read with the request timeout. */
    private static boolean hasBody(Headers headers) {
        return headers.contains(HeaderNames.TRANSFER_ENCODING)
                || !headers.first(HeaderNames.CONTENT_LENGTH).map("0"::equals).orElse(true);
    }

    /** Whether this thread's connection has started a request whose headers are not complete yet. */
    boolean readingHeaders() {
        GuardedConnection connection = current.get();
        return connection != null && connection.readingHeaders();
    }

    private void sweep() {
        long now = System.nanoTime();
        for (GuardedConnection connection : open) {
            if (connection.socket().isClosed()) {
                forget(connection);
            } else if (connection.expireIfOverdue(now)) {
                forget(connection);
                Thread.ofVirtual().name("request-timeout")
                        .start(() -> connection.answerTimeoutAndClose(timeouts.request()));
            }
        }
    }

    private void forget(GuardedConnection connection) {
        open.remove(connection);
        accepted.remove(connection.peer(), connection);
    }

    private static ScheduledExecutorService sweeper() {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1, task -> {
            Thread thread = new Thread(task, "request-deadlines");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.setRemoveOnCancelPolicy(true);
        return scheduler;
    }
}
