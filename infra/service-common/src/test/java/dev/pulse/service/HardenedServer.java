package dev.pulse.service;

import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.HttpRouting;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * A real server on a free port, hardened by {@link ServerHardening}, with routes that read a body, stream a large
 * answer and fail, and the error handler proposed for {@link ServiceRoutes} (client disconnects at DEBUG, malformed
 * chunks as 400, anything else logged at ERROR as a 500).
 */
final class HardenedServer implements AutoCloseable {

    static final String ECHO_PATH = "/echo";
    static final String LARGE_PATH = "/large";
    static final int LARGE_SIZE = 32 * 1024 * 1024;


    private final WebServer server;

    private HardenedServer(WebServer server) {
        this.server = server;
    }

    static HardenedServer start(Duration requestTimeout) {
        return start(RequestTimeouts.of(requestTimeout), () -> true, server -> { });
    }

    static HardenedServer start(RequestTimeouts timeouts, BooleanSupplier healthy,
                                Consumer<WebServerConfig.Builder> customize) {
        WebServerConfig.Builder builder = WebServer.builder()
                .host("127.0.0.1")
                .port(0)
                .shutdownHook(false)
                .routing(HardenedServer::routing);
        customize.accept(builder);
        return new HardenedServer(ServerHardening.configure(builder, timeouts, healthy).build().start());
    }

    int port() {
        return server.port();
    }

    @Override
    public void close() {
        server.stop();
    }

    private static void routing(HttpRouting.Builder routing) {
        routing.get(ServiceRoutes.HEALTH_PATH, (req, res) -> Json.send(res, Status.OK_200, java.util.Map.of("status", "UP")))
                .post(ECHO_PATH, (req, res) -> res.send(req.content().as(byte[].class)))
                .get(LARGE_PATH, (req, res) -> res.send(new byte[LARGE_SIZE]));
        ServiceRoutes.errors(routing, "hardened-test");
    }
}
