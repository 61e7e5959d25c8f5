package dev.pulse.service;

import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The contract against a server built by {@link ServiceHost#configure} alone: no broker, no service routes. */
class SharedRoutingContractTest extends HttpServiceContract {

    private WebServer server;
    private ServiceMetrics metrics;

    @BeforeAll
    void start() {
        metrics = new ServiceMetrics("contract-test");
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(Base64.getDecoder().decode(secret)),
                Optional.empty(), Optional.of(ISSUER), Optional.empty(), Duration.ofSeconds(5), Duration.ofHours(24)));
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false);
        ServiceHost.configure(builder, new HttpSettings(REQUEST_TIMEOUT, MAX_BODY_BYTES, List.of()),
                new ServiceRoutes.Shared("contract-test", verifier, Map.of("always", () -> HealthCheck.Result.up("ok")),
                        List.of(), metrics),
                routes -> { });
        server = builder.build().start();
    }

    @AfterAll
    void stop() {
        server.stop();
        metrics.close();
    }

    @Override
    protected int port() {
        return server.port();
    }
}
