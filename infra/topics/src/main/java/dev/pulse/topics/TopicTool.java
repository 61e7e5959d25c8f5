package dev.pulse.topics;

import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.InvalidMetadataException;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * Declares every topic of the catalogue on a cluster: creates the missing ones, and reports existing
 * ones whose partitions or configs differ from the catalogue. Idempotent, and it never deletes,
 * repartitions or reconfigures an existing topic.
 *
 * <p>Command line: {@code --bootstrap-servers host:port [--prefix p] [--replication-factor n]
 * [--command-config client.properties] [--dry-run]}. Exit status 0 when every topic matches
 * (after creating the missing ones), 2 when some drifted, 1 on errors.
 */
public final class TopicTool {

    public static final int EXIT_OK = 0;
    public static final int EXIT_ERROR = 1;
    public static final int EXIT_DRIFT = 2;

    private static final long TIMEOUT_SECONDS = 30;

    private final Admin admin;

    public TopicTool(Admin admin) {
        this.admin = admin;
    }

    /**
     * Creates the missing topics and compares the rest with their declarations.
     *
     * @param replicationFactor replicas for the topics it creates; 0 picks min(3, brokers)
     */
    public TopicReport apply(List<Topic<?, ?>> topics, short replicationFactor, boolean dryRun)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<Topic<?, ?>> missing = topics.stream().filter(t -> !existing.contains(t.name())).toList();
        List<Topic<?, ?>> present = topics.stream().filter(t -> existing.contains(t.name())).toList();
        List<String> created = new ArrayList<>();
        List<Topic<?, ?>> raced = new ArrayList<>();
        if (!missing.isEmpty() && !dryRun) {
            short replicas = replicationFactor > 0 ? replicationFactor : defaultReplicationFactor();
            var results = admin.createTopics(missing.stream().map(t -> t.newTopic(replicas)).toList()).values();
            for (Topic<?, ?> topic : missing) {
                try {
                    results.get(topic.name()).get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                    created.add(topic.name());
                } catch (ExecutionException e) {
                    if (!(e.getCause() instanceof TopicExistsException)) {
                        throw e;
                    }
                    raced.add(topic);
                }
            }
        } else {
            missing.forEach(t -> created.add(t.name()));
        }
        List<Topic<?, ?>> toCompare = new ArrayList<>(present);
        toCompare.addAll(raced);
        if (!dryRun) {
            List<String> visible = new ArrayList<>(created);
            toCompare.forEach(t -> visible.add(t.name()));
            awaitVisible(visible);
        }
        List<TopicDrift> drifts = compare(toCompare);
        Set<String> drifted = drifts.stream().map(TopicDrift::topic).collect(Collectors.toSet());
        List<String> matching = toCompare.stream().map(Topic::name).filter(n -> !drifted.contains(n)).toList();
        return new TopicReport(created, matching, drifts, dryRun);
    }

    /**
     * Waits until the brokers serve metadata and configs of these topics: a topic the controller
     * has just created is not visible on every broker at once, and "created" should mean "usable".
     */
    private void awaitVisible(List<String> names) throws ExecutionException, InterruptedException, TimeoutException {
        if (names.isEmpty()) {
            return;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TIMEOUT_SECONDS);
        while (true) {
            try {
                Map<TopicPartition, OffsetSpec> partitions = new HashMap<>();
                admin.describeTopics(names).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS)
                        .forEach((name, description) -> description.partitions().forEach(p ->
                                partitions.put(new TopicPartition(name, p.partition()), OffsetSpec.latest())));
                admin.describeConfigs(names.stream().map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                // Answered only once a leader serves every partition: producing earlier can fail.
                admin.listOffsets(partitions).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
                return;
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof InvalidMetadataException) || System.nanoTime() > deadline) {
                    throw e;
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        }
    }

    private List<TopicDrift> compare(List<Topic<?, ?>> topics)
            throws ExecutionException, InterruptedException, TimeoutException {
        if (topics.isEmpty()) {
            return List.of();
        }
        List<String> names = topics.stream().map(Topic::name).toList();
        Map<String, TopicDescription> descriptions = admin.describeTopics(names).allTopicNames()
                .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = admin.describeConfigs(names.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n)).toList())
                .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicDrift> drifts = new ArrayList<>();
        for (Topic<?, ?> topic : topics) {
            int partitions = descriptions.get(topic.name()).partitions().size();
            if (partitions != topic.partitions()) {
                drifts.add(new TopicDrift(topic.name(), "partitions", Integer.toString(topic.partitions()),
                        Integer.toString(partitions)));
            }
            Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()));
            topic.configs().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(expected -> {
                ConfigEntry entry = actual.get(expected.getKey());
                String value = entry == null ? "<unset>" : entry.value();
                if (!expected.getValue().equals(value)) {
                    drifts.add(new TopicDrift(topic.name(), expected.getKey(), expected.getValue(), value));
                }
            });
        }
        return drifts;
    }

    private short defaultReplicationFactor() throws ExecutionException, InterruptedException, TimeoutException {
        int brokers = admin.describeCluster().nodes().get(TIMEOUT_SECONDS, TimeUnit.SECONDS).size();
        return (short) Math.max(1, Math.min(3, brokers));
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** The command line, with its output streams given; returns the exit status. */
    public static int run(String[] args, PrintStream out, PrintStream err) {
        TopicToolArguments parsed;
        try {
            parsed = TopicToolArguments.parse(args);
        } catch (IllegalArgumentException e) {
            err.println("error: " + e.getMessage());
            err.println(TopicToolArguments.USAGE);
            return EXIT_ERROR;
        }
        if (parsed.help()) {
            out.println(TopicToolArguments.USAGE);
            return EXIT_OK;
        }
        Map<String, Object> config = new HashMap<>();
        try {
            if (parsed.commandConfig() != null) {
                config.putAll(readProperties(parsed.commandConfig()));
            }
        } catch (IOException e) {
            err.println("error: cannot read " + parsed.commandConfig() + ": " + e.getMessage());
            return EXIT_ERROR;
        }
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, parsed.bootstrapServers());
        config.putIfAbsent(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) Duration.ofSeconds(TIMEOUT_SECONDS).toMillis());
        try (Admin admin = Admin.create(config)) {
            TopicReport report = new TopicTool(admin).apply(Topics.withPrefix(parsed.prefix()).all(),
                    parsed.replicationFactor(), parsed.dryRun());
            report.lines().forEach(out::println);
            return report.hasDrift() ? EXIT_DRIFT : EXIT_OK;
        } catch (ExecutionException | TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            err.println("error: cannot declare topics on " + parsed.bootstrapServers() + ": "
                    + cause.getClass().getSimpleName() + ": " + cause.getMessage());
            return EXIT_ERROR;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            err.println("error: interrupted");
            return EXIT_ERROR;
        }
    }

    private static Map<String, Object> readProperties(Path file) throws IOException {
        Properties properties = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            properties.load(in);
        }
        Map<String, Object> map = new HashMap<>();
        properties.forEach((k, v) -> map.put(k.toString(), v));
        return map;
    }
}
