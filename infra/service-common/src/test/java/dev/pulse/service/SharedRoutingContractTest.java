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

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final long MAX_BODY = 4_096;

    private final String secret = HmacTokens.newSecret();
    private WebServer server;
    private ServiceMetrics metrics;

    @BeforeAll
    void start() {
        metrics = new ServiceMetrics("contract-test");
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(Base64.getDecoder().decode(secret)),
                Optional.empty(), Optional.of("pulse-test"), Optional.empty(), Duration.ofSeconds(5),
                Duration.ofHours(24)));
        WebServerConfig.Builder builder = WebServer.builder().host("127.0.0.1").port(0).shutdownHook(false);
        ServiceHost.configure(builder, new HttpSettings(TIMEOUT, MAX_BODY, List.of()),
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

    @Override
    protected String secret() {
        return secret;
    }

    @Override
    protected Optional<String> issuer() {
        return Optional.of("pulse-test");
    }

    @Override
    protected Duration requestTimeout() {
        return TIMEOUT;
    }

    @Override
    protected long maxBodyBytes() {
        return MAX_BODY;
    }
}
