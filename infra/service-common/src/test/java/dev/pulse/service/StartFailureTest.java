package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StartFailureTest {

    @Test
    void shouldSayInOneLineThatThePortIsTaken() throws Exception {
        try (ServerSocket taken = new ServerSocket()) {
            taken.bind(new InetSocketAddress("127.0.0.1", 0));
            ServiceSettings settings = ServiceSettings.from("test-service", ServiceConfig.layered("test-service",
                    io.helidon.config.Config.just(io.helidon.config.ConfigSources.create(Map.of(
                            "server.host", "127.0.0.1",
                            "server.port", Integer.toString(taken.getLocalPort()),
                            "kafka.bootstrap.servers", "127.0.0.1:1",
                            "security.jwt.secret", HmacTokens.newSecret())))));

            Throwable failure = catchFailure(() -> ServiceHost.start(settings, routes -> { }, Map.of(), List.of()));
            String line = StartFailure.describe(failure);

            assertThat(line).contains("test-service cannot start on 127.0.0.1:" + taken.getLocalPort())
                    .contains("the port is in use").doesNotContain("\n");
        }
    }

    @Test
    void shouldNotRepeatAMessageItsCauseAlreadyGave() {
        IllegalStateException failure = new IllegalStateException("svc cannot start: key file unreadable",
                new UncheckedIOException(new java.io.IOException("key file unreadable")));

        assertThat(StartFailure.describe(failure)).isEqualTo("svc cannot start: key file unreadable");
    }

    @Test
    void shouldNameTheTypeWhenNothingHasAMessage() {
        assertThat(StartFailure.describe(new IllegalStateException())).isEqualTo("IllegalStateException");
    }

    private static Throwable catchFailure(Runnable action) {
        try {
            action.run();
        } catch (RuntimeException e) {
            return e;
        }
        throw new AssertionError("expected the start to fail");
    }

}
