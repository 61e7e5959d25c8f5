package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.KafkaClusterExtension;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Problem;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Kafka down or gone: a bounded wait, then 503 with Retry-After, and recovery without a restart when the
 * broker returns. Runs its own embedded broker (not the shared one), so it can stop and restart it on the
 * same ports and data.
 */
class KafkaOutageIT {

    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** What a 503 may take beyond the timeout: the turn at the producer, scheduling on a busy machine. */
    private static final Duration SLACK = Duration.ofSeconds(3);

    private final String secret = HmacTokens.newSecret();
    private RunningService service;
    private EmbeddedKafkaBroker broker;

    @AfterEach
    void stop() {
        if (service != null) {
            service.close();
        }
        if (broker != null) {
            broker.close();
        }
    }

    private IngestClient start(String bootstrapServers) {
        service = IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(
                Map.of("server.host", "127.0.0.1", "server.port", "0", "kafka.bootstrap.servers", bootstrapServers,
                        "events.kafka.timeout.ms", Long.toString(TIMEOUT.toMillis()),
                        "security.jwt.secret", secret, "security.jwt.issuer", IngestClient.ISSUER)))));
        return new IngestClient(secret, service.port());
    }

    @Test
    void shouldAnswer503WithinTheBoundWhenNoBrokerListens() {
        IngestClient client = start("127.0.0.1:" + freePort());

        long started = System.nanoTime();
        HttpResponse<String> response = postOneLike(client);

        assertUnavailable(response, Duration.ofNanos(System.nanoTime() - started));
    }

    @Test
    void shouldAnswer503WhileTheBrokerIsDownAndRecoverWhenItReturns(@TempDir Path data) {
        broker = startBroker(data, 0, 0);
        int port = broker.port();
        int controllerPort = broker.controllerPort();
        KafkaClusterExtension.create(new KafkaCluster(broker.bootstrapServers(), "embedded"), Topics.standard().all());
        IngestClient client = start(broker.bootstrapServers());
        assertThat(postOneLike(client).statusCode()).isEqualTo(202);

        broker.close();
        broker = null;
        long started = System.nanoTime();
        HttpResponse<String> down = postOneLike(client);
        assertUnavailable(down, Duration.ofNanos(System.nanoTime() - started));

        broker = startBroker(data, port, controllerPort);
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                .until(() -> postOneLike(client).statusCode() == 202);
    }

    private static HttpResponse<String> postOneLike(IngestClient client) {
        return client.post(client.serviceToken(), client.batch(List.of(EventFixtures.like(LikeAction.LIKE))));
    }

    private static void assertUnavailable(HttpResponse<String> response, Duration took) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(IngestClient.body(response).path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + EventWriter.UNAVAILABLE);
        assertThat(took).isLessThan(TIMEOUT.plus(SLACK));
    }

    private static EmbeddedKafkaBroker startBroker(Path data, int port, int controllerPort) {
        return EmbeddedKafkaBroker.builder().dataDir(data).port(port).controllerPort(controllerPort).start();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
