package dev.pulse.service;

import java.time.Duration;
import java.util.Objects;

/**
 * How long the server waits for a slow client.
 *
 * <p>{@code request} bounds two things: the time from the start of a request (the connection's accept for its
 * first request, the request line for later ones) until its headers are complete, answered with a 408 problem, and
 * every single read of a request body, after which the connection is closed. Between requests a kept-alive connection
 * is governed by the listener's idle-connection timeout instead, so a load balancer's pooled connections are not cut
 * at {@code request}.
 *
 * <p>{@code upgradedRead} is the read timeout of connections upgraded to another protocol (WebSocket): zero means
 * none, so idle WebSockets live until the application's heartbeat or the listener's idle-connection timeout ends
 * them. A read timeout that fires on an upgraded connection closes the socket without calling the WebSocket
 * listener's {@code onClose}.
 *
 * @param request      bound on receiving headers and on each body read; positive
 * @param upgradedRead read timeout after a protocol upgrade; zero for none
 */
public record RequestTimeouts(Duration request, Duration upgradedRead) {

    public RequestTimeouts {
        Objects.requireNonNull(request, "request");
        Objects.requireNonNull(upgradedRead, "upgradedRead");
        if (request.isNegative() || request.isZero()) {
            throw new IllegalArgumentException("request timeout must be positive, was " + request);
        }
        if (upgradedRead.isNegative()) {
            throw new IllegalArgumentException("upgraded read timeout must be zero (none) or positive, was "
                    + upgradedRead);
        }
    }

    /** {@code request} for HTTP; upgraded connections (WebSockets) without a read timeout. */
    public static RequestTimeouts of(Duration request) {
        return new RequestTimeouts(request, Duration.ZERO);
    }

    /**
     * For a service whose WebSockets are kept honest by a server ping every {@code heartbeat}, each answered by a
     * client pong: an upgraded connection that has sent nothing for two heartbeats (one pong lost or late) is dead,
     * and the socket is closed.
     */
    public RequestTimeouts withWebSocketHeartbeat(Duration heartbeat) {
        if (heartbeat.isNegative() || heartbeat.isZero()) {
            throw new IllegalArgumentException("heartbeat must be positive, was " + heartbeat);
        }
        return new RequestTimeouts(request, heartbeat.multipliedBy(2));
    }
}
