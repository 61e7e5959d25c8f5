package dev.pulse.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;

/**
 * Checks that the deployment manifests (infra/compose.yaml and the Strimzi resources in infra/k8s)
 * declare exactly the topics of {@link Topics#standard()}, since they cannot read the catalogue
 * themselves and would otherwise drift from it unnoticed.
 */
class DeploymentManifestsTest {

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Pattern DNS_1123_SUBDOMAIN =
            Pattern.compile("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
    private static final Pattern KAFKA_TOPICS_ARGUMENT = Pattern.compile("--(topic|partitions|config)\\s+(\\S+)");
    private static final List<String> SERVICES = List.of("stream-processor", "ws-edge", "ingest-api");

    /** How a manifest declares one topic. */
    record Declared(int partitions, Map<String, String> configs) {
        Declared {
            configs = new TreeMap<>(configs);
        }

        @Override
        public String toString() {
            return "partitions=" + partitions + ", configs=" + configs;
        }
    }

    @Test
    void shouldDeclareEveryCatalogueTopicInCompose() throws IOException {
        String script = commandOf(compose().path("services").path("topics"));
        List<Map.Entry<String, Declared>> declared = new ArrayList<>();
        for (String line : script.replace("\\\n", " ").split("\n")) {
            if (line.contains("kafka-topics.sh") && line.contains("--create")) {
                declared.add(parseKafkaTopicsCreate(line));
            }
        }

        assertMatchesCatalogue("infra/compose.yaml (service 'topics', kafka-topics.sh --create lines)", declared);
    }

    @Test
    void shouldRunKafkaInKraftModeWithoutAutoTopicCreationInCompose() throws IOException {
        JsonNode kafka = compose().path("services").path("kafka");
        Map<String, String> env = environmentOf(kafka);

        assertThat(kafka.path("image").asText()).as("image of compose service 'kafka'").startsWith("apache/kafka:");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).as("KAFKA_PROCESS_ROLES of compose service 'kafka'")
                .isNotNull();
        assertThat(Set.of(env.get("KAFKA_PROCESS_ROLES").split("\\s*,\\s*")))
                .as("KAFKA_PROCESS_ROLES of compose service 'kafka'")
                .containsExactlyInAnyOrder("broker", "controller");
        assertThat(env.get("KAFKA_AUTO_CREATE_TOPICS_ENABLE"))
                .as("KAFKA_AUTO_CREATE_TOPICS_ENABLE of compose service 'kafka' (topics come only from the catalogue)")
                .isEqualTo("false");
    }

    @Test
    void shouldStartServicesOnlyAfterTopicsAreCreatedInCompose() throws IOException {
        JsonNode services = compose().path("services");

        for (String service : SERVICES) {
            assertThat(services.has(service)).as("compose declares service '%s'", service).isTrue();
            assertThat(services.path(service).path("depends_on").path("topics").path("condition").asText())
                    .as("depends_on.topics.condition of compose service '%s'", service)
                    .isEqualTo("service_completed_successfully");
        }
    }

    @Test
    void shouldDeclareEveryCatalogueTopicAsStrimziKafkaTopic() throws IOException {
        List<Map.Entry<String, Declared>> declared = new ArrayList<>();
        for (JsonNode topic : kafkaTopics()) {
            JsonNode spec = topic.path("spec");
            Map<String, String> configs = new LinkedHashMap<>();
            spec.path("config").properties().forEach(e -> configs.put(e.getKey(), e.getValue().asText()));
            declared.add(Map.entry(spec.path("topicName").asText("<no spec.topicName in "
                    + topic.path("metadata").path("name").asText() + ">"),
                    new Declared(spec.path("partitions").asInt(-1), configs)));
        }

        assertMatchesCatalogue("infra/k8s/topics.yaml (KafkaTopic spec.topicName/partitions/config)", declared);
    }

    @Test
    void shouldNameKafkaTopicResourcesWithUniqueDns1123Names() throws IOException {
        List<String> names = kafkaTopics().stream().map(t -> t.path("metadata").path("name").asText()).toList();

        assertThat(names).as("metadata.name of the KafkaTopics in infra/k8s/topics.yaml")
                .allSatisfy(name -> assertThat(name).as("metadata.name '%s' is a DNS-1123 subdomain", name)
                        .hasSizeLessThanOrEqualTo(253).matches(DNS_1123_SUBDOMAIN))
                .doesNotHaveDuplicates();
    }

    @Test
    void shouldLabelKafkaTopicsWithTheStrimziClusterName() throws IOException {
        List<String> clusters = documents(k8s("kafka.yaml")).stream()
                .filter(d -> d.path("kind").asText().equals("Kafka"))
                .map(d -> d.path("metadata").path("name").asText())
                .toList();
        assertThat(clusters).as("Kafka resources in infra/k8s/kafka.yaml").hasSize(1);

        for (JsonNode topic : kafkaTopics()) {
            assertThat(topic.path("metadata").path("labels").path("strimzi.io/cluster").asText())
                    .as("label strimzi.io/cluster of KafkaTopic '%s'", topic.path("metadata").path("name").asText())
                    .isEqualTo(clusters.getFirst());
        }
    }

    private static void assertMatchesCatalogue(String manifest, List<Map.Entry<String, Declared>> declared) {
        Map<String, Declared> expected = new TreeMap<>();
        for (Topic<?, ?> topic : Topics.standard().all()) {
            expected.put(topic.name(), new Declared(topic.partitions(), topic.configs()));
        }
        Map<String, Declared> actual = new TreeMap<>();
        List<String> drift = new ArrayList<>();
        for (Map.Entry<String, Declared> entry : declared) {
            if (actual.putIfAbsent(entry.getKey(), entry.getValue()) != null) {
                drift.add("duplicate: " + entry.getKey() + " is declared more than once");
            }
        }
        Set<String> names = new TreeSet<>(expected.keySet());
        names.addAll(actual.keySet());
        for (String name : names) {
            Declared want = expected.get(name);
            Declared got = actual.get(name);
            if (got == null) {
                drift.add("missing: " + name + " (" + want + ")");
            } else if (want == null) {
                drift.add("extra: " + name + " (" + got + ") is not in the catalogue");
            } else if (!want.equals(got)) {
                drift.add("wrong: " + name + " expected " + want + " but was " + got);
            }
        }
        if (!drift.isEmpty()) {
            fail(manifest + " differs from Topics.standard():\n  " + String.join("\n  ", drift));
        }
    }

    private static Map.Entry<String, Declared> parseKafkaTopicsCreate(String line) {
        String name = null;
        int partitions = -1;
        Map<String, String> configs = new LinkedHashMap<>();
        var matcher = KAFKA_TOPICS_ARGUMENT.matcher(line);
        while (matcher.find()) {
            String value = matcher.group(2);
            switch (matcher.group(1)) {
                case "topic" -> name = value;
                case "partitions" -> partitions = Integer.parseInt(value);
                default -> {
                    String[] keyValue = value.split("=", 2);
                    configs.put(keyValue[0], keyValue.length == 2 ? keyValue[1] : "");
                }
            }
        }
        assertThat(name).as("--topic in compose line: %s", line.strip()).isNotNull();
        return Map.entry(name, new Declared(partitions, configs));
    }

    private static String commandOf(JsonNode service) {
        JsonNode command = service.path("command");
        if (command.isArray()) {
            return String.join("\n", StreamSupport.stream(command.spliterator(), false).map(JsonNode::asText)
                    .toList());
        }
        assertThat(command.isTextual()).as("compose service 'topics' has a command").isTrue();
        return command.asText();
    }

    private static Map<String, String> environmentOf(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode environment = service.path("environment");
        if (environment.isArray()) {
            environment.forEach(e -> {
                String[] keyValue = e.asText().split("=", 2);
                env.put(keyValue[0], keyValue.length == 2 ? keyValue[1] : "");
            });
        } else {
            environment.properties().forEach(e -> env.put(e.getKey(), e.getValue().asText()));
        }
        return env;
    }

    private static JsonNode compose() throws IOException {
        return YAML.readTree(manifest(Path.of("..", "compose.yaml")).toFile());
    }

    private static List<JsonNode> kafkaTopics() throws IOException {
        List<JsonNode> topics = documents(k8s("topics.yaml")).stream()
                .filter(d -> d.path("kind").asText().equals("KafkaTopic"))
                .toList();
        assertThat(topics).as("KafkaTopic documents in infra/k8s/topics.yaml").isNotEmpty();
        return topics;
    }

    private static Path k8s(String file) {
        return manifest(Path.of("..", "k8s", file));
    }

    private static List<JsonNode> documents(Path file) throws IOException {
        try (var values = YAML.readerFor(JsonNode.class).<JsonNode>readValues(file.toFile())) {
            return values.readAll().stream().filter(d -> d != null && d.isObject()).toList();
        }
    }

    private static Path manifest(Path relativeToModule) {
        Path file = relativeToModule.toAbsolutePath().normalize();
        if (!Files.isRegularFile(file)) {
            fail("Deployment manifest not found: " + file + " (tests must run with the working directory at"
                    + " infra/topics, as Maven does)");
        }
        return file;
    }
}
