package dev.pulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.ServiceConfig;
import dev.pulse.service.ServiceSettings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.helidon.config.EnvironmentVariables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The deployment manifests configure the services only through environment variables; this reads
 * those variables the way a service does and checks each service would start with them, and that
 * every container runs a main class that exists.
 */
class DeploymentEnvironmentTest {

    private static final Path INFRA = Path.of("..");
    private static final YAMLMapper YAML = new YAMLMapper();
    private static final String SECRET = HmacTokens.newSecret();

    @Test
    void shouldConfigureEveryComposeServiceCompletely() throws Exception {
        JsonNode services = YAML.readTree(Files.readString(INFRA.resolve("compose.yaml"))).path("services");
        List<String> checked = new ArrayList<>();
        for (String name : List.of("stream-processor", "ws-edge", "ingest-api")) {
            JsonNode service = services.path(name);
            Map<String, String> env = new HashMap<>();
            service.path("environment").properties().forEach(e -> env.put(e.getKey(), substitute(e.getValue().asText())));

            ServiceSettings settings = settingsFrom(name, env);

            assertThat(settings.kafka().bootstrapServers()).isEqualTo("kafka:9092");
            assertThat(service.path("ports").get(0).asText()).isEqualTo(settings.port() + ":" + settings.port());
            assertThat(settings.jwt().hmacSecret()).isPresent();
            assertMainClassExists(service.path("command").get(0).asText());
            checked.add(name);
        }
        assertThat(checked).hasSize(3);
    }

    @Test
    void shouldConfigureEveryKubernetesDeploymentCompletely() throws Exception {
        List<JsonNode> deployments = new ArrayList<>();
        try (var docs = YAML.readerFor(JsonNode.class).<JsonNode>readValues(
                Files.readString(INFRA.resolve("k8s/services.yaml")))) {
            docs.forEachRemaining(doc -> {
                if ("Deployment".equals(doc.path("kind").asText())) {
                    deployments.add(doc);
                }
            });
        }
        assertThat(deployments).extracting(d -> d.path("metadata").path("name").asText())
                .containsExactlyInAnyOrder("stream-processor", "ws-edge", "ingest-api");
        for (JsonNode deployment : deployments) {
            JsonNode container = deployment.path("spec").path("template").path("spec").path("containers").get(0);
            Map<String, String> env = new HashMap<>();
            container.path("env").forEach(e -> env.put(e.path("name").asText(),
                    e.has("valueFrom") ? SECRET : e.path("value").asText()));

            ServiceSettings settings = settingsFrom(deployment.path("metadata").path("name").asText(), env);

            assertThat(settings.kafka().bootstrapServers()).isEqualTo("pulse-kafka-bootstrap:9092");
            assertThat(container.path("ports").get(0).path("containerPort").asInt()).isEqualTo(settings.port());
            assertMainClassExists(container.path("args").get(0).asText());
        }
    }

    private static ServiceSettings settingsFrom(String serviceName, Map<String, String> env) {
        Config fromEnv = Config.just(ConfigSources.create(EnvironmentVariables.expand(env)));
        return ServiceSettings.from(serviceName, ServiceConfig.layered(serviceName, fromEnv));
    }

    /** Compose's {@code ${VAR:?msg}} and {@code ${VAR:-default}}: the secret, or the default. */
    private static String substitute(String value) {
        if (value.startsWith("${PULSE_JWT_SECRET")) {
            return SECRET;
        }
        return value.replaceAll("\\$\\{[A-Z_]+:-([^}]*)}", "$1");
    }

    private static void assertMainClassExists(String className) throws IOException {
        try {
            assertThat(Class.forName(className).getMethod("main", String[].class)).isNotNull();
        } catch (ReflectiveOperationException e) {
            throw new AssertionError("A manifest runs " + className + ", which has no main method here", e);
        }
    }
}
