package dev.pulse.processor.it;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.processor.StreamProcessorMain;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Stream processor instances for integration tests: in this JVM, or in a child JVM that can be killed.
 * They run with the service's own defaults (stream-processor.yaml) except for what a test sets with
 * {@link #with}, so failover and the other behaviours are tested as deployed.
 */
final class ProcessorInstances {

    private final KafkaCluster kafka;
    private final Topics topics;
    private final String applicationId;
    private final String secret;
    private final Map<String, String> settings;

    ProcessorInstances(KafkaCluster kafka, Topics topics, String applicationId) {
        this(kafka, topics, applicationId, HmacTokens.newSecret(), Map.of());
    }

    private ProcessorInstances(KafkaCluster kafka, Topics topics, String applicationId, String secret,
                               Map<String, String> settings) {
        this.kafka = kafka;
        this.topics = topics;
        this.applicationId = applicationId;
        this.secret = secret;
        this.settings = Map.copyOf(settings);
    }

    /** The same instances (same key and application) with one more setting, e.g. {@code streams.standby.replicas}. */
    ProcessorInstances with(String key, String value) {
        Map<String, String> more = new LinkedHashMap<>(settings);
        more.put(key, value);
        return new ProcessorInstances(kafka, topics, applicationId, secret, more);
    }

    Map<String, String> config(Path stateDir, int port) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("server.host", "127.0.0.1");
        config.put("server.port", Integer.toString(port));
        config.put("kafka.bootstrap.servers", kafka.bootstrapServers());
        config.put("kafka.topic.prefix", topics.prefix());
        config.put("security.jwt.secret", secret);
        config.put("streams.application.id", applicationId);
        config.put("streams.state.dir", stateDir.toString());
        config.putAll(settings);
        return config;
    }

    /** A token signed with the instances' key. */
    String token(String userId, String... scopes) {
        return new HmacTokens(java.util.Base64.getDecoder().decode(secret), "test")
                .issue(userId, List.of(scopes), java.time.Duration.ofMinutes(10));
    }

    RunningService startHere(Path stateDir) {
        return StreamProcessorService.start(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(config(stateDir, 0)))));
    }

    /** Starts an instance in its own JVM, so that it can be killed with SIGKILL mid-stream. */
    Process startChild(Path stateDir, Path log) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path")));
        String logConfig = System.getProperty("log4j2.configurationFile");
        if (logConfig != null) {
            command.add("-Dlog4j2.configurationFile=" + logConfig);
        }
        config(stateDir, freePort()).forEach((k, v) -> command.add("-D" + k + "=" + v));
        command.add(StreamProcessorMain.class.getName());
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        }
    }
}
