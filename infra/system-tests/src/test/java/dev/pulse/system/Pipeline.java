package dev.pulse.system;

import static org.awaitility.Awaitility.await;

import dev.pulse.edge.WsEdgeService;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Services of one test on the embedded broker, in this JVM, sharing one signing key: a stream processor
 * and any number of edge nodes pointed at it, each with the defaults of its own YAML plus what the test
 * sets.
 */
final class Pipeline {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final KafkaCluster kafka;
    private final Topics topics;
    private final String secret = HmacTokens.newSecret();

    Pipeline(KafkaCluster kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    RunningService processor(Path stateDir, String applicationId) {
        return processor(stateDir, applicationId, Map.of());
    }

    RunningService processor(Path stateDir, String applicationId, Map<String, String> settings) {
        Map<String, String> config = common();
        // One instance: a standby replica has nowhere to go, and asking for one only adds rebalances.
        config.put("streams.standby.replicas", "0");
        config.putAll(settings);
        config.put("streams.application.id", applicationId);
        config.put("streams.state.dir", stateDir.toString());
        return answering(ready(StreamProcessorService.start(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(config))))));
    }

    /**
     * Waits until the processor answers a query: after its first RUNNING it may rebalance again (a
     * single instance with standby replicas asked for does, under load), and meanwhile answers 503.
     */
    private RunningService answering(RunningService processor) {
        HttpRequest trending = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + processor.port() + "/v1/trending"))
                .header("Authorization", "Bearer " + token("probe")).build();
        await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(200))
                .until(() -> HTTP.send(trending, HttpResponse.BodyHandlers.discarding()).statusCode() == 200);
        return processor;
    }

    /** Waits until {@code service}'s /health is UP: a processor answers queries only once its tasks run. */
    static RunningService ready(RunningService service) {
        HttpRequest health = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + service.port() + "/health")).build();
        await().atMost(Duration.ofSeconds(90)).until(() -> HTTP.send(health, HttpResponse.BodyHandlers.discarding())
                .statusCode() == 200);
        return service;
    }

    RunningService edge(RunningService processor, Map<String, String> settings) {
        Map<String, String> config = common();
        config.put("processor.url", "http://127.0.0.1:" + processor.port());
        // A processor that just started rebalances more than once: a resume waits that out.
        config.put("processor.timeout.ms", "30000");
        config.putAll(settings);
        return WsEdgeService.start(ServiceConfig.layered(WsEdgeService.NAME, Config.just(ConfigSources.create(config))));
    }

    String token(String userId, Duration lifetime) {
        return new HmacTokens(Base64.getDecoder().decode(secret), "test").issue(userId, List.of(), lifetime);
    }

    String tokenWithScopes(String userId, String... scopes) {
        return new HmacTokens(Base64.getDecoder().decode(secret), "test")
                .issue(userId, List.of(scopes), Duration.ofMinutes(10));
    }

    String token(String userId) {
        return token(userId, Duration.ofMinutes(10));
    }

    private Map<String, String> common() {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.host", "127.0.0.1");
        config.put("server.port", "0");
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("kafka.topic.prefix", topics.prefix());
        config.put("security.jwt.secret", secret);
        return config;
    }
}
