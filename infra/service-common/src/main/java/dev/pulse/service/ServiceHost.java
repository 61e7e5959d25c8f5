package dev.pulse.service;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts a service's HTTP server with the shared routes, a Kafka health check and the service's own
 * routes. The server installs no JVM shutdown hook: whoever starts it (a {@code main} or the launcher)
 * stops it, in order.
 */
public final class ServiceHost {

    private static final Logger LOG = LoggerFactory.getLogger(ServiceHost.class);

    private ServiceHost() {
    }

    /**
     * @param serviceRoutes the service's own routes, all behind bearer authentication
     * @param resources     released after the server stops, last first
     */
    public static RunningService start(ServiceSettings settings, Consumer<Routes> serviceRoutes,
                                       Map<String, HealthCheck> extraChecks, List<AutoCloseable> resources) {
        return start(settings, serviceRoutes, extraChecks, resources, server -> { });
    }

    /**
     * @param serverExtras what a service adds to its server besides HTTP routes (a WebSocket routing and
     *                     its protocol settings), applied after the shared configuration
     */
    public static RunningService start(ServiceSettings settings, Consumer<Routes> serviceRoutes,
                                       Map<String, HealthCheck> extraChecks, List<AutoCloseable> resources,
                                       Consumer<WebServerConfig.Builder> serverExtras) {
        KafkaHealthCheck kafka = new KafkaHealthCheck(settings.kafka());
        ServiceMetrics metrics = new ServiceMetrics(settings.serviceName());
        List<AutoCloseable> owned = new ArrayList<>(resources);
        owned.addFirst(kafka);
        owned.addFirst(metrics);
        Map<String, HealthCheck> checks = new LinkedHashMap<>();
        checks.put("kafka", kafka);
        checks.putAll(extraChecks);
        WebServer server;
        JwtVerifier verifier = null;
        try {
            requireFreePort(settings.host(), settings.port());
            verifier = new JwtVerifier(settings.jwt());
            owned.addFirst(verifier);
            ServiceRoutes.Shared shared = new ServiceRoutes.Shared(settings.serviceName(),
                    verifier, checks, settings.http().corsOrigins(), metrics);
            WebServerConfig.Builder builder = WebServer.builder()
                    .host(settings.host())
                    .port(settings.port())
                    .shutdownHook(false);
            configure(builder, settings.http(), shared, serviceRoutes);
            serverExtras.accept(builder);
            server = builder.build().start();
            if (!server.isRunning()) {
                throw new IllegalStateException("the server did not start; see the log above");
            }
        } catch (RuntimeException e) {
            if (verifier != null) {
                verifier.close();
            }
            kafka.close();
            metrics.close();
            throw new IllegalStateException(settings.serviceName() + " cannot start on " + settings.host() + ":"
                    + settings.port() + ": " + e.getMessage(), e);
        }
        LOG.info("{} listening on port {}", settings.serviceName(), server.port());
        return new RunningService(settings.serviceName(), server, owned);
    }

    /**
     * Fails at once, with the reason, when {@code port} cannot be bound: Helidon does not throw then,
     * it logs a stack trace and returns a server that is not running.
     */
    private static void requireFreePort(String host, int port) {
        if (port == 0) {
            return;
        }
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new UncheckedIOException(new BindException(e.getMessage()));
        }
    }

    /**
     * Gives {@code server} everything a Pulse service's HTTP server has besides its address: the shared
     * routing around {@code serviceRoutes} and the request limits of {@code http}. What {@link #start}
     * uses, and what tests and benchmarks use to build the same server without Kafka.
     */
    public static void configure(WebServerConfig.Builder server, HttpSettings http, ServiceRoutes.Shared shared,
                                 Consumer<Routes> serviceRoutes) {
        server.maxPayloadSize(http.readLimitBytes())
                .routing(routing -> ServiceRoutes.routing(
                        routing.addFilter(new BodyLimitFilter(http.maxBodyBytes())), shared, serviceRoutes));
        ServerHardening.configure(server, RequestTimeouts.of(http.requestTimeout()),
                () -> shared.checks().values().stream().allMatch(check -> check.check().up()));
    }
}
