package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Inbox reads when the processor is gone or stuck: a 503 with Retry-After within processor.timeout.ms. */
@WithKafka
class ProcessorOutageIT {

    private static final long TIMEOUT_MS = 700;
    /** What a loaded 2-core machine may add to the bound: well under the processor's own 5 s. */
    private static final Duration SLACK = Duration.ofSeconds(2);

    private final String secret = HmacTokens.newSecret();

    @Test
    void shouldAnswer503WithRetryAfterWhenNoProcessorListens(KafkaCluster kafka, Topics topics) throws IOException {
        String url = "http://127.0.0.1:" + closedPort();

        try (RunningService service = start(kafka, topics, url)) {
            HttpResponse<String> response = read(service);

            Problems.assertProblem(response, 503, ProcessorForwarder.UNAVAILABLE);
            assertThat(response.headers().firstValue("Retry-After")).isPresent();
        }
    }

    @Test
    void shouldAnswer503WithinTheBoundWhenTheProcessorDoesNotAnswer(KafkaCluster kafka, Topics topics) {
        try (StubProcessor processor = new StubProcessor().hang();
             RunningService service = start(kafka, topics, processor.url())) {
            long started = System.nanoTime();

            HttpResponse<String> response = read(service);

            Duration took = Duration.ofNanos(System.nanoTime() - started);
            Problems.assertProblem(response, 503, ProcessorForwarder.UNAVAILABLE);
            assertThat(took).isBetween(Duration.ofMillis(TIMEOUT_MS), Duration.ofMillis(TIMEOUT_MS).plus(SLACK));
        }
    }

    private RunningService start(KafkaCluster kafka, Topics topics, String processorUrl) {
        return IngestInstance.start(kafka, topics, secret, Map.of("processor.url", processorUrl,
                "processor.timeout.ms", Long.toString(TIMEOUT_MS)));
    }

    private HttpResponse<String> read(RunningService service) {
        IngestClient client = new IngestClient(secret, service.port());
        return client.send("GET", "/v1/me/inbox", client.userToken("ana"), null);
    }

    private static int closedPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }
}
