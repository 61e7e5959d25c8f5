package dev.pulse.service;

import io.helidon.common.socket.SocketOptions;
import io.helidon.http.DirectHandler.EventType;
import io.helidon.webserver.ErrorHandling;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.DirectHandlers;
import io.helidon.webserver.http1.Http1Config;
import io.helidon.webserver.http1.Http1ConnectionListener;
import io.helidon.webserver.spi.ProtocolConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;

/**
 * What every service's HTTP listener needs against malformed, slow and vanishing clients, on top of Helidon's
 * defaults:
 * <ul>
 *   <li>problem+json bodies for everything Helidon refuses before routing (see {@link Refusal});</li>
 *   <li>{@code GET}/{@code HEAD /health} over HTTP/1.0 for load balancers, 505 problems for other HTTP/1.0;</li>
 *   <li>400 at once for a Content-Length that is not one non-negative number (Helidon 4.3.1 hangs on -1);</li>
 *   <li>timeouts for slow requests, with a 408 problem while headers are read ({@link RequestTimeouts}).</li>
 * </ul>
 * Client disconnects inside handlers are classified by {@link ClientDisconnect}; Helidon's own logging of them is
 * narrowed in the log4j2 configuration.
 */
public final class ServerHardening {

    /**
     * The name (and type) of the HTTP/1 config Helidon discovers for a listener; a config by another name would be
     * added next to it, and with two HTTP/1 selectors Helidon closes unrecognised requests without an answer.
     */
    private static final String HTTP_1_1 = "http_1_1";

    private ServerHardening() {
    }

    /**
     * Configures the default listener of {@code server}; call it after anything else that sets its connection
     * options or HTTP/1 protocol config, which it keeps and extends.
     *
     * @param healthy answers HTTP/1.0 health checks; must be quick and never throw
     */
    public static WebServerConfig.Builder configure(WebServerConfig.Builder server, RequestTimeouts timeouts,
                                                    BooleanSupplier healthy) {
        SlowRequestGuard guard = new SlowRequestGuard(timeouts);
        ProblemDirectHandler problems = new ProblemDirectHandler(guard::readingHeaders);
        return server.directHandlers(directHandlers(problems, healthy))
                .errorHandling(ErrorHandling.builder().from(errorHandling(server)).includeEntity(true).build())
                .connectionOptions(new GuardedSocketOptions(connectionOptions(server), guard))
                .protocols(withHttp1Listeners(server.protocols(), guard));
    }

    private static DirectHandlers directHandlers(ProblemDirectHandler problems, BooleanSupplier healthy) {
        DirectHandlers.Builder handlers = DirectHandlers.builder();
        for (EventType type : EventType.values()) {
            handlers.addHandler(type, problems);
        }
        return handlers.addHandler(EventType.HTTP_VERSION_NOT_SUPPORTED, new Http10Health(healthy, problems))
                .build();
    }

    /** Helidon passes its message to direct handlers only with {@code include-entity}; they never echo it. */
    private static ErrorHandling errorHandling(WebServerConfig.Builder server) {
        return Optional.ofNullable(server.errorHandling()).orElseGet(ErrorHandling::create);
    }

    private static SocketOptions connectionOptions(WebServerConfig.Builder server) {
        return server.connectionOptions().orElseGet(SocketOptions::create);
    }

    private static List<ProtocolConfig> withHttp1Listeners(List<ProtocolConfig> configured, SlowRequestGuard guard) {
        List<ProtocolConfig> protocols = new ArrayList<>(configured);
        Http1Config http1 = protocols.stream()
                .filter(Http1Config.class::isInstance)
                .map(Http1Config.class::cast)
                .findFirst()
                .orElseGet(() -> Http1Config.builder().name(HTTP_1_1).build());
        protocols.remove(http1);
        protocols.add(Http1Config.builder()
                .from(http1)
                .receiveListeners(List.of(new Http1Listeners(
                        append(http1.receiveListeners(), guard.receiving(), new RequestFraming()))))
                .sendListeners(List.of(new Http1Listeners(append(http1.sendListeners(), guard.sending()))))
                .build());
        return protocols;
    }

    private static List<Http1ConnectionListener> append(List<Http1ConnectionListener> existing,
                                                        Http1ConnectionListener... more) {
        List<Http1ConnectionListener> listeners = new ArrayList<>(existing);
        listeners.addAll(List.of(more));
        return listeners;
    }
}
