package dev.pulse.processor.it;

import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.KafkaClusterExtension;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListStreamsGroupOffsetsSpec;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Compares failover settings in one run on one machine: for each option, two processor instances
 * (one in a child JVM) on a fresh set of topics, a preload of domain events timed until the group
 * has committed all of it (throughput of the pair, with or without standby replicas), then the
 * {@link FailoverProbe} flow and a SIGKILL of the child, timed until its users get notifications
 * again. Options differ in Streams settings, rebalance protocol and broker settings; every broker
 * has the streams-group bounds lowered (a range, not a default) so the streams protocol can be tried
 * with a short session.
 *
 * <p>Usage: {@code scripts/bench-failover.sh [--options=a,b] [--runs=1] [--preload=20000]}.
 */
public final class FailoverBench {

    private static final String VICTIM = "victim";
    private static final String SURVIVOR = "survivor";
    private static final Duration STARTUP = Duration.ofSeconds(90);
    private static final Map<String, String> BROKER_BOUNDS = Map.of(
            "group.streams.min.session.timeout.ms", "6000", "group.streams.min.heartbeat.interval.ms", "1000");
    private static final String ABORT_INTERVAL = "transaction.abort.timed.out.transaction.cleanup.interval.ms";
    /** Kafka's default; the embedded broker sets 1 s, so the default is restored here explicitly. */
    private static final Map<String, String> KAFKA_ABORT = Map.of(ABORT_INTERVAL, "10000");
    private static final Map<String, String> FAST_ABORT = Map.of(ABORT_INTERVAL, "1000");

    /** One way to configure failover: processor settings, optional streams-group configs, broker settings. */
    record Option(String name, Map<String, String> settings, Map<String, String> groupConfig,
                  Map<String, String> broker) {

        boolean streamsProtocol() {
            return "streams".equals(settings.get("streams.properties.group.protocol"));
        }
    }

    private record Result(Option option, int run, FailoverProbe.Stall stall, Preload preload,
                          long victimStateBytes, long survivorStateBytes, long changelogBytes) {
    }

    /** The preload: events per second until committed, and CPU the victim's JVM spent per thousand events. */
    private record Preload(double perSecond, double victimCpuMsPerThousand) {
    }

    private final Path work;
    private final int preload;
    private int started;

    private FailoverBench(Path work, int preload) {
        this.work = work;
        this.preload = preload;
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> flags = Arrays.stream(args).map(a -> a.replaceFirst("^--", "").split("=", 2))
                .collect(Collectors.toMap(kv -> kv[0], kv -> kv.length > 1 ? kv[1] : "true"));
        List<Option> chosen = options().stream().filter(o -> !flags.containsKey("options")
                || List.of(flags.get("options").split(",")).contains(o.name())).toList();
        int repeat = Integer.parseInt(flags.getOrDefault("runs", "1"));
        Path work = Files.createTempDirectory("pulse-failover-bench-");
        FailoverBench bench = new FailoverBench(work, Integer.parseInt(flags.getOrDefault("preload", "20000")));
        List<Result> results = new ArrayList<>();
        Map<Map<String, String>, List<Option>> byBroker = chosen.stream()
                .collect(Collectors.groupingBy(Option::broker, LinkedHashMap::new, Collectors.toList()));
        for (var entry : byBroker.entrySet()) {
            results.addAll(bench.onBroker(entry.getKey(), entry.getValue(), repeat));
        }
        System.out.print(report(results));
        System.exit(0);
    }

    static List<Option> options() {
        Map<String, String> none = Map.of();
        return List.of(
                new Option("old-defaults", classic(45_000, 3_000, 0, 10_000), none, KAFKA_ABORT),
                new Option("session10", classic(10_000, 3_000, 0, 10_000), none, KAFKA_ABORT),
                new Option("session10-standby1", classic(10_000, 3_000, 1, 10_000), none, KAFKA_ABORT),
                new Option("session10-standby1-tx5", classic(10_000, 3_000, 1, 5_000), none, KAFKA_ABORT),
                new Option("session8-standby1-tx5", classic(8_000, 2_000, 1, 5_000), none, KAFKA_ABORT),
                new Option("streams-protocol", streams(), Map.of("streams.num.standby.replicas", "1"), KAFKA_ABORT),
                new Option("streams-protocol-session10", streams(), Map.of("streams.num.standby.replicas", "1",
                        "streams.session.timeout.ms", "10000", "streams.heartbeat.interval.ms", "3000"), KAFKA_ABORT),
                new Option("session10-standby1+fast-abort", classic(10_000, 3_000, 1, 10_000), none, FAST_ABORT),
                new Option("session10-standby1-tx5+fast-abort", classic(10_000, 3_000, 1, 5_000), none, FAST_ABORT),
                new Option("session8-standby0-tx5+fast-abort", classic(8_000, 2_000, 0, 5_000), none, FAST_ABORT),
                new Option("session8-standby1-tx5+fast-abort", classic(8_000, 2_000, 1, 5_000), none, FAST_ABORT),
                new Option("session6-standby1-tx5+fast-abort", classic(6_000, 2_000, 1, 5_000), none, FAST_ABORT));
    }

    private static Map<String, String> classic(int sessionMs, int heartbeatMs, int standbys, int transactionMs) {
        return Map.of("streams.session.timeout.ms", Integer.toString(sessionMs),
                "streams.heartbeat.interval.ms", Integer.toString(heartbeatMs),
                "streams.standby.replicas", Integer.toString(standbys),
                "streams.transaction.timeout.ms", Integer.toString(transactionMs));
    }

    private static Map<String, String> streams() {
        return Map.of("streams.properties.group.protocol", "streams");
    }

    private List<Result> onBroker(Map<String, String> overrides, List<Option> options, int repeat) throws Exception {
        EmbeddedKafkaBroker.Builder builder = EmbeddedKafkaBroker.builder().host("127.0.0.1");
        BROKER_BOUNDS.forEach(builder::config);
        overrides.forEach(builder::config);
        List<Result> results = new ArrayList<>();
        try (EmbeddedKafkaBroker broker = builder.start();
             Admin admin = Admin.create(Map.of("bootstrap.servers", broker.bootstrapServers()))) {
            KafkaCluster cluster = new KafkaCluster(broker.bootstrapServers(), "embedded");
            for (int run = 1; run <= repeat; run++) {
                for (Option option : options) {
                    progress("%s, run %d", option.name(), run);
                    Result result = run(cluster, admin, option, run);
                    progress("  %s", result.stall());
                    results.add(result);
                }
            }
        }
        return results;
    }

    private Result run(KafkaCluster cluster, Admin admin, Option option, int run) throws Exception {
        String name = "fo" + (++started);
        Topics topics = Topics.withPrefix(name + ".");
        KafkaClusterExtension.create(cluster, topics.all());
        String application = name + "-processor";
        configureGroup(admin, application, option.groupConfig());
        ProcessorInstances instances = new ProcessorInstances(cluster, topics, application);
        for (var setting : option.settings().entrySet()) {
            instances = instances.with(setting.getKey(), setting.getValue());
        }
        Path dir = Files.createDirectories(work.resolve(name));
        Process victim = instances.with("streams.properties.client.id", VICTIM)
                .startChild(dir.resolve("victim"), dir.resolve("victim.log"));
        try (RunningService survivor = instances.with("streams.properties.client.id", SURVIVOR)
                .startHere(dir.resolve("survivor"));
             EventPublisher publisher = new EventPublisher(new HashMap<>(cluster.clientConfig()), topics);
             FailoverProbe probe = new FailoverProbe(cluster.bootstrapServers(), topics, publisher)) {
            TaskOwners owners = new TaskOwners(admin, application, option.streamsProtocol());
            owners.awaitSettledShare(VICTIM, SURVIVOR, topics.likes(), STARTUP);
            progress("  both instances running tasks; preloading %d events", preload);
            long cpuBefore = cpuNanos(victim);
            double perSecond = preload(admin, application, option.streamsProtocol(), topics, publisher);
            Preload load = new Preload(perSecond, (cpuNanos(victim) - cpuBefore) / 1e6 / (preload / 1000.0));
            progress("  preload committed at %.0f events/s; starting the probe", perSecond);
            probe.startFlow(STARTUP);
            Set<Integer> owned = owners.awaitSettledShare(VICTIM, SURVIVOR, topics.likes(), STARTUP);
            long victimBytes = bytesUnder(dir.resolve("victim"));
            long survivorBytes = bytesUnder(dir.resolve("survivor"));
            OpenTransactions.awaitOneWriting(admin, topics.inbox(), owned, STARTUP);
            FailoverProbe.Stall stall = probe.kill(victim, owned, Duration.ofSeconds(120));
            return new Result(option, run, stall, load, victimBytes, survivorBytes,
                    changelogBytes(admin, application));
        } finally {
            victim.destroyForcibly();
        }
    }

    private static long cpuNanos(Process process) {
        return process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(0L);
    }

    private static void configureGroup(Admin admin, String groupId, Map<String, String> configs) throws Exception {
        if (configs.isEmpty()) {
            return;
        }
        List<AlterConfigOp> ops = configs.entrySet().stream()
                .map(e -> new AlterConfigOp(new ConfigEntry(e.getKey(), e.getValue()), AlterConfigOp.OpType.SET))
                .toList();
        admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.GROUP, groupId), ops))
                .all().get(30, TimeUnit.SECONDS);
    }

    /** Publishes the preload and returns events per second until the group has committed all of it. */
    private double preload(Admin admin, String groupId, boolean streamsProtocol, Topics topics,
                           EventPublisher publisher) throws Exception {
        EventScript script = new EventScript(7, preload, 5_000, 20_000);
        List<TopicPartition> inputs = Stream.of(topics.likes(), topics.comments(), topics.follows(), topics.messages())
                .flatMap(FailoverBench::partitions).toList();
        long started = System.nanoTime();
        script.publish(publisher, 0, script.events.size());
        Map<TopicPartition, Long> ends = admin.listOffsets(inputs.stream()
                .collect(Collectors.toMap(tp -> tp, tp -> OffsetSpec.latest()))).all().get(30, TimeUnit.SECONDS)
                .entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        await("the preload committed").atMost(Duration.ofMinutes(5)).pollInterval(Duration.ofMillis(200))
                .until(() -> committedUpTo(admin, groupId, streamsProtocol, ends));
        return preload / ((System.nanoTime() - started) / 1e9);
    }

    private static boolean committedUpTo(Admin admin, String groupId, boolean streamsProtocol,
                                         Map<TopicPartition, Long> ends) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = streamsProtocol
                ? admin.listStreamsGroupOffsets(Map.of(groupId, new ListStreamsGroupOffsetsSpec()))
                        .partitionsToOffsetAndMetadata(groupId).get(30, TimeUnit.SECONDS)
                : admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS);
        return ends.entrySet().stream().allMatch(e -> {
            OffsetAndMetadata at = committed.get(e.getKey());
            return e.getValue() == 0 || at != null && at.offset() >= e.getValue();
        });
    }

    private static Stream<TopicPartition> partitions(Topic<?, ?> topic) {
        return IntStream.range(0, topic.partitions()).mapToObj(p -> new TopicPartition(topic.name(), p));
    }

    /** Bytes on the broker of the application's changelog topics: what each standby copy fetches once more. */
    private static long changelogBytes(Admin admin, String application) throws Exception {
        Set<String> changelogs = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(t -> t.startsWith(application + "-") && t.endsWith("-changelog"))
                .collect(Collectors.toSet());
        Collection<Integer> brokers = admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).stream()
                .map(n -> n.id()).toList();
        return admin.describeLogDirs(brokers).allDescriptions().get(30, TimeUnit.SECONDS).values().stream()
                .flatMap(dirs -> dirs.values().stream())
                .flatMap(dir -> dir.replicaInfos().entrySet().stream())
                .filter(e -> changelogs.contains(e.getKey().topic()))
                .mapToLong(e -> e.getValue().size()).sum();
    }

    private static long bytesUnder(Path dir) {
        try (Stream<Path> files = Files.walk(dir)) {
            return files.filter(Files::isRegularFile).mapToLong(FailoverBench::size).sum();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            return 0;
        }
    }

    private static String report(List<Result> results) {
        StringBuilder out = new StringBuilder(String.format("%n%-36s %4s %8s %8s %9s %10s %14s %11s %13s %14s%n",
                "option", "run", "stall s", "first s", "others s", "preload/s", "victim CPU ms/k",
                "victim MiB", "survivor MiB", "changelog MiB"));
        for (Result r : results) {
            out.append(String.format("%-36s %4d %8.1f %8.1f %9.1f %10.0f %14.0f %11.1f %13.1f %14.1f%n",
                    r.option().name(), r.run(), seconds(r.stall().worstStall()), seconds(r.stall().firstStall()),
                    seconds(r.stall().survivorWorst()), r.preload().perSecond(), r.preload().victimCpuMsPerThousand(),
                    mib(r.victimStateBytes()), mib(r.survivorStateBytes()), mib(r.changelogBytes())));
        }
        return out.toString();
    }

    private static double seconds(Duration d) {
        return d.toMillis() / 1000.0;
    }

    private static double mib(long bytes) {
        return bytes / 1048576.0;
    }

    private static void progress(String format, Object... args) {
        System.out.printf("[failover-bench] %s " + format + "%n",
                Stream.concat(Stream.of(java.time.LocalTime.now().withNano(0)), Arrays.stream(args)).toArray());
        System.out.flush();
    }
}
