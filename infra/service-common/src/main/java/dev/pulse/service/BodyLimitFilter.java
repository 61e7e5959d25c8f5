package dev.pulse.service;

import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;

/**
 * Refuses with a 413 problem, before any route reads it, a request whose {@code Content-Length} is over the
 * service's {@code server.body.max.bytes}, and keeps the connection open.
 *
 * <p>Why here and not at Helidon's listener limit: Helidon answers a body over its limit and closes the
 * connection at once, with the body still arriving. The unread bytes make the kernel reset the connection,
 * and a client that sent its body without {@code Expect: 100-continue} (most do) often sees the reset instead
 * of the answer. So the listener's limit is {@link HttpSettings#readLimitBytes()}, above this one: a body
 * between the two is answered here, then read and dropped by Helidon, and the client reads its 413 like
 * Tomcat's {@code maxSwallowSize} lets it. Bodies declared over the listener's limit are still refused
 * at once and may see the reset.
 */
final class BodyLimitFilter implements Filter {

    private final long maxBodyBytes;

    BodyLimitFilter(long maxBodyBytes) {
        this.maxBodyBytes = maxBodyBytes;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        if (req.headers().contentLength().orElse(-1L) > maxBodyBytes) {
            throw JsonBody.tooLarge(maxBodyBytes);
        }
        chain.proceed();
    }
}
