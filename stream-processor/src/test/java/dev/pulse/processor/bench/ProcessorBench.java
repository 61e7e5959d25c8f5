package dev.pulse.processor.bench;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.KafkaClusterExtension;
import dev.pulse.processor.ProcessorSettings;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.processor.StreamsRunner;
import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.kafka.CleanupPolicy;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.KeyRule;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.KafkaSettings;
import dev.pulse.service.ServiceConfig;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.CloseOptions;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Throughput and latency of the stream processor on the embedded broker, in one run:
 * <ol type="a">
 *   <li>a plain consume-then-produce pipe (no transactions) copying pre-loaded records: the baseline;</li>
 *   <li>the whole {@code PulseTopology} with exactly_once_v2, started through {@link StreamsRunner#create}
 *       (the service's own properties) on pre-loaded domain events ({@code --mix}), timed from RUNNING until
 *       every input and repartition record is consumed and committed (the consumer group's committed offsets);
 *       once per store variant ({@code --variants}), each as its own application on the same events;</li>
 *   <li>latency at a fixed rate: events that each yield one notification, paced open-loop, timed from the
 *       producer's acknowledgement to the notification being returned to a read_committed consumer;</li>
 *   <li>(reference) a one-store {@code groupByKey().count()} with the same EOS settings on the pipe's input,
 *       the floor any stateful topology is compared with.</li>
 * </ol>
 * Usage: {@code scripts/bench-processor.sh [--key=value ...]}; {@code --help} lists the options.
 */
public final class ProcessorBench implements AutoCloseable {

    private static final String TOPOLOGY_APP = "pulse-bench-processor";
    private static final String COUNT_APP = "pulse-bench-count";
    private static final String PIPE_IN = "bench-pipe.in";
    private static final String PIPE_OUT = "bench-pipe.out";
    private static final String PIPE_WARMUP = "bench-pipe.warmup";
    private static final String COUNT_OUT = "bench-count.out";
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);

    private final BenchSettings s;
    private final long started = System.nanoTime();
    private final Deque<AutoCloseable> cleanup = new ArrayDeque<>();
    private final AtomicBoolean closed = new AtomicBoolean();
    private final List<String> failures = new ArrayList<>();
    private Path work;
    private BenchBroker broker;
    private Admin admin;
    private CpuMeter cpu;
    private String topologyMix = "";

    private ProcessorBench(BenchSettings settings) {
        this.s = settings;
    }

    public static void main(String[] args) {
        BenchSettings settings;
        try {
            settings = BenchSettings.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.print(BenchSettings.usage());
            System.exit(2);
            return;
        }
        if (settings.help()) {
            System.out.print(BenchSettings.usage());
            return;
        }
        ProcessorBench bench = new ProcessorBench(settings);
        Thread hook = new Thread(bench::close, "driver-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        int code;
        try {
            code = bench.run();
        } catch (Exception e) {
            System.out.flush();
            System.err.println("Bench failed: " + e);
            e.printStackTrace();
            code = 1;
        } finally {
            bench.close();
        }
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // already shutting down
        }
        System.exit(code);
    }

    // ------------------------------------------------------------------------------------------------ run

    private int run() throws Exception {
        work = Files.createTempDirectory("pulse-bench-");
        register(() -> deleteRecursively(work));
        progress("starting the broker (%s)", s.inProcessBroker() ? "in this JVM" : "own JVM, heap " + s.brokerHeap());
        broker = s.inProcessBroker() ? BenchBroker.inProcess() : BenchBroker.child(s.brokerHeap(), Duration.ofSeconds(120));
        register(broker);
        admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
                AdminClientConfig.CLIENT_ID_CONFIG, "driver-admin"));
        register(() -> admin.close(Duration.ofSeconds(10)));
        cpu = new CpuMeter(broker);
        progress("broker at %s, ready in %.1f s", broker.bootstrapServers(), broker.startupTime().toMillis() / 1000.0);

        Topics topics = Topics.withPrefix("bench.");
        List<Topic<?, ?>> all = new ArrayList<>(topics.all());
        all.add(bytesTopic(PIPE_IN));
        all.add(bytesTopic(PIPE_OUT));
        all.add(bytesTopic(PIPE_WARMUP));
        all.add(bytesTopic(COUNT_OUT));
        KafkaClusterExtension.create(new KafkaCluster(broker.bootstrapServers(), "embedded"), all);

        Throughput pipe = attempt("a) plain pipe", this::pipe);
        Throughput count = s.reference() ? attempt("d) reference count", this::referenceCount) : null;
        List<TopologyRun> topologies = topologies(topics);
        TopologyRun last = topologies.isEmpty() ? null : topologies.getLast();
        Latency latency = null;
        if (last != null && last.throughput() != null) {
            try {
                latency = attempt("c) latency", () -> latency(topics, last.appId()));
            } finally {
                progress("stopping the processor");
                last.runner().close();
            }
        }
        System.out.print(report(pipe, count, topologies, latency));
        System.out.flush();
        return failures.isEmpty() ? 0 : 1;
    }

    private interface Stage<T> {
        T run() throws Exception;
    }

    private <T> T attempt(String name, Stage<T> stage) {
        try {
            return stage.run();
        } catch (Exception e) {
            failures.add(name + ": " + e);
            progress("%s FAILED: %s", name, e);
            e.printStackTrace(System.out);
            return null;
        }
    }

    // ------------------------------------------------------------------------------------------- a) pipe

    private Throughput pipe() throws Exception {
        int n = s.pipeRecords();
        byte[][] values = new byte[1024][];
        Random random = new Random(s.seed());
        for (int i = 0; i < values.length; i++) {
            byte[] v = new byte[s.valueBytes()];
            for (int j = 0; j < v.length; j++) {
                v[j] = (byte) ('a' + random.nextInt(26));
            }
            values[i] = v;
        }
        progress("a) pre-loading %,d records of %d B into %s", n, s.valueBytes(), PIPE_IN);
        long loadStart = System.nanoTime();
        try (KafkaProducer<byte[], byte[]> loader = producer("driver-pipe-loader")) {
            Acks acks = new Acks(n);
            for (int i = 0; i < n; i++) {
                loader.send(new ProducerRecord<>(PIPE_IN, pipeKey(i), values[i % values.length]), acks);
            }
            acks.await(s.timeout(), "pre-load of " + PIPE_IN);
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        progress("a) pre-loaded in %.1f s (%,.0f rec/s)", loadSeconds, n / loadSeconds);

        if (s.pipeWarmup()) {
            // One untimed pass first, so that the timed one runs on JIT-compiled client and broker code.
            progress("a) warm-up copy %s -> %s (untimed)", PIPE_IN, PIPE_WARMUP);
            copy(n, PIPE_WARMUP);
        }
        progress("a) timed copy %s -> %s", PIPE_IN, PIPE_OUT);
        CpuMeter.Mark mark = cpu.mark();
        double seconds = copy(n, PIPE_OUT);
        CpuMeter.Usage usage = cpu.since(mark, null);
        progress("a) %,d records in %.2f s: %,.0f rec/s", n, seconds, n / seconds);
        return new Throughput(n, seconds, seconds, Double.NaN, usage, "");
    }

    /** Copies all {@code n} records of the pipe's input to {@code target}; seconds from the first poll to the last ack. */
    private double copy(int n, String target) throws Exception {
        Map<String, Object> consumerConfig = consumerConfig("driver-pipe-consumer", "read_uncommitted");
        consumerConfig.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(consumerConfig,
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = producer("driver-pipe-producer")) {
            List<TopicPartition> partitions = consumer.partitionsFor(PIPE_IN).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            producer.partitionsFor(target); // metadata before the clock starts
            Acks acks = new Acks(n);
            long start = System.nanoTime();
            long deadline = start + s.timeout().toNanos();
            long consumed = 0;
            while (consumed < n) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("pipe: consumed " + consumed + " of " + n);
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    producer.send(new ProducerRecord<>(target, r.key(), r.value()), acks);
                    consumed++;
                }
            }
            acks.await(Duration.ofNanos(Math.max(1, deadline - System.nanoTime())), "pipe copy");
            return (acks.lastNanos - start) / 1e9;
        }
    }

    private static byte[] pipeKey(int i) {
        return ("k" + (i % 100_000)).getBytes(StandardCharsets.UTF_8);
    }

    // ------------------------------------------------------------------------------- d) reference count

    private Throughput referenceCount() throws Exception {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(PIPE_IN, Consumed.with(Serdes.Bytes(), Serdes.ByteArray()))
                .groupByKey(Grouped.with(Serdes.Bytes(), Serdes.ByteArray()))
                .count(Materialized.<Bytes, Long, KeyValueStore<Bytes, byte[]>>as("bench-count-store")
                        .withKeySerde(Serdes.Bytes()).withValueSerde(Serdes.Long()))
                .toStream()
                .to(COUNT_OUT, Produced.with(Serdes.Bytes(), Serdes.Long()));
        Properties props = new Properties();
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, COUNT_APP);
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, work.resolve("state-count").toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, s.threads());
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, s.commitIntervalMs());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, s.cacheBytes());
        props.putAll(s.streamsProperties());
        KafkaStreams streams = new KafkaStreams(builder.build(), props);
        register(() -> streams.close(CLOSE_TIMEOUT));
        progress("d) one-store EOS count over %s", PIPE_IN);
        try {
            return runUntilCommitted(streams, streams::start, COUNT_APP, List.of(PIPE_IN), s.pipeRecords(), "d)");
        } finally {
            streams.close(CLOSE_TIMEOUT);
        }
    }

    // -------------------------------------------------------------------------------- b) whole topology

    /** One variant's run of (b); {@code throughput} is null when it failed. */
    private record TopologyRun(StoreVariant variant, String appId, Throughput throughput, StreamsRunner runner,
                               Map<String, Long> outputs, String internalWrites, StoreFootprint footprint) {
    }

    /** Sizes of the application's changelog and repartition topics: how much it writes besides its outputs. */
    private String internalWrites(String appId) throws Exception {
        List<String> names = admin.listTopics().names().get(30, TimeUnit.SECONDS).stream()
                .filter(n -> n.startsWith(appId + "-")).sorted().toList();
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> request = new HashMap<>();
        admin.describeTopics(names).allTopicNames().get(30, TimeUnit.SECONDS).forEach((name, d) -> d.partitions()
                .forEach(p -> request.put(new TopicPartition(name, p.partition()),
                        org.apache.kafka.clients.admin.OffsetSpec.latest())));
        long changelog = 0;
        long repartition = 0;
        int changelogTopics = 0;
        for (var e : admin.listOffsets(request).all().get(30, TimeUnit.SECONDS).entrySet()) {
            if (e.getKey().topic().endsWith("-changelog")) {
                changelog += e.getValue().offset();
            } else if (e.getKey().topic().endsWith("-repartition")) {
                repartition += e.getValue().offset();
            }
        }
        changelogTopics = (int) names.stream().filter(n -> n.endsWith("-changelog")).count();
        return "%d changelog topics, %,d offsets; %d repartition topics, %,d offsets (records plus one commit marker per partition per transaction)"
                .formatted(changelogTopics, changelog, names.size() - changelogTopics, repartition);
    }

    /**
     * Pre-loads the domain events once, then runs each store variant in turn over them, each as its own
     * application (own changelogs, repartition topics and committed offsets). All but the last are stopped
     * after their run; the last keeps running for (c).
     */
    private List<TopologyRun> topologies(Topics topics) throws Exception {
        String mix = attempt("b) pre-load", () -> preload(topics));
        if (mix == null) {
            return List.of();
        }
        topologyMix = mix;
        List<TopologyRun> runs = new ArrayList<>();
        Map<String, Long> outputsBefore = new LinkedHashMap<>();
        List<StoreVariant> variants = s.variants();
        for (int i = 0; i < variants.size(); i++) {
            StoreVariant variant = variants.get(i);
            String appId = variants.size() == 1 ? TOPOLOGY_APP : TOPOLOGY_APP + "-" + (i + 1) + "-" + variant.name();
            StreamsRunner runner = runner(topics, variant, appId);
            Throughput throughput = attempt("b) whole topology " + variant,
                    () -> runTopology(topics, runner, variant, appId));
            Map<String, Long> outputs = throughput == null ? Map.of() : outputsSince(topics, outputsBefore);
            StoreFootprint footprint = throughput == null ? null
                    : attempt("b) store footprint", () -> StoreFootprint.of(runner.streams(), StoreFootprint.INBOX_STORES));
            String writes = throughput == null ? "" : internalWrites(appId);
            runs.add(new TopologyRun(variant, appId, throughput, runner, outputs, writes, footprint));
            if (i < variants.size() - 1) {
                progress("b) stopping %s", appId);
                runner.close();
            }
        }
        return runs;
    }

    private String preload(Topics topics) throws Exception {
        int n = s.events();
        DomainEvents events = new DomainEvents(s.seed(), s.users(), s.posts(),
                Instant.now().minus(Duration.ofMillis(n)).truncatedTo(ChronoUnit.SECONDS), s.mix());
        progress("b) pre-loading %,d domain events (%s mix) through EventPublisher", n, s.mix());
        long loadStart = System.nanoTime();
        try (EventPublisher publisher = new EventPublisher(publisherConfig("driver-event-loader"), topics)) {
            Acks acks = new Acks(n);
            for (int i = 0; i < n; i++) {
                publisher.publish(events.next()).whenComplete(acks::complete);
            }
            acks.await(s.timeout(), "pre-load of domain events");
        }
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        progress("b) pre-loaded in %.1f s: %s", loadSeconds, events.mix());
        return events.mix();
    }

    private StreamsRunner runner(Topics topics, StoreVariant variant, String appId) {
        Map<String, String> config = new LinkedHashMap<>();
        config.put("kafka.bootstrap.servers", broker.bootstrapServers());
        config.put("kafka.topic.prefix", topics.prefix());
        config.put("streams.application.id", appId);
        config.put("streams.state.dir", work.resolve("state-" + appId).toString());
        config.put("streams.threads", Integer.toString(s.threads()));
        config.put("streams.commit.interval.ms", Integer.toString(s.commitIntervalMs()));
        config.put("streams.cache.bytes", Long.toString(s.cacheBytes()));
        config.put("streams.advertised.host", "127.0.0.1");
        s.streamsProperties().forEach((k, v) -> config.put("streams.properties." + k, v));
        Settings read = new Settings(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(config))));
        ProcessorSettings settings = variant.apply(ProcessorSettings.read(read));
        read.requireValid("bench");
        StreamsRunner runner = StreamsRunner.create(
                new KafkaSettings(broker.bootstrapServers(), topics.prefix(), Map.of()), settings, 0,
                new SimpleMeterRegistry(), new OpenWrites(settings.failover().transactionTimeout()));
        register(runner);
        return runner;
    }

    private Throughput runTopology(Topics topics, StreamsRunner runner, StoreVariant variant, String appId)
            throws Exception {
        List<String> inputs = List.of(topics.likes().name(), topics.comments().name(), topics.follows().name(),
                topics.messages().name(), topics.reads().name(), topics.userSettings().name());
        progress("b) whole topology, exactly_once_v2, %s (%s)", variant.describe(), appId);
        return runUntilCommitted(runner.streams(), runner::start, appId, inputs, s.events(), "b)");
    }

    /** Output records committed since the last call (several variants write to the same output topics). */
    private Map<String, Long> outputsSince(Topics topics, Map<String, Long> before) throws Exception {
        Map<String, Long> now = countCommitted(List.of(topics.inbox().name(), topics.postCounts().name(),
                topics.userCounts().name(), topics.trending().name(), topics.deadLetters().name()), topics);
        Map<String, Long> delta = new LinkedHashMap<>();
        now.forEach((k, v) -> delta.put(k, v - before.getOrDefault(k, 0L)));
        before.putAll(now);
        return delta;
    }

    // ------------------------------------------------------------------------ measuring a streams app

    private Throughput runUntilCommitted(KafkaStreams streams, Runnable start, String appId, List<String> inputs,
                                         long expected, String label) throws Exception {
        return runUntilCommitted(streams, start, appId, inputs, expected, label, new ArrayList<>());
    }

    /** Starts {@code streams} and waits until its group has committed every input and repartition record. */
    private Throughput runUntilCommitted(KafkaStreams streams, Runnable start, String appId, List<String> inputs,
                                         long expected, String label, List<String> repartitionOut) throws Exception {
        AtomicLong runningAt = new AtomicLong();
        AtomicReference<KafkaStreams.State> failedState = new AtomicReference<>();
        CountDownLatch running = new CountDownLatch(1);
        streams.setStateListener((next, previous) -> {
            if (next == KafkaStreams.State.RUNNING && runningAt.compareAndSet(0, System.nanoTime())) {
                running.countDown();
            }
            if (next == KafkaStreams.State.ERROR || next == KafkaStreams.State.PENDING_ERROR) {
                failedState.set(next);
                running.countDown();
            }
        });
        try (CommitProgress progress = new CommitProgress(broker.bootstrapServers(), appId, inputs, admin)) {
            CpuMeter.Mark mark = cpu.mark();
            long startAt = System.nanoTime();
            long deadline = startAt + s.timeout().toNanos();
            start.run();
            if (!running.await(s.timeout().toSeconds(), TimeUnit.SECONDS) || failedState.get() != null) {
                throw new IllegalStateException(label + " streams did not reach RUNNING (state " + streams.state() + ")");
            }
            progress("%s RUNNING %.2f s after start()", label, (runningAt.get() - startAt) / 1e9);
            progress.addRepartitionTopics();
            repartitionOut.addAll(progress.repartitionTopics());
            long nextReport = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
            CommitProgress.Status status;
            CommitProgress.Status fifth = null; // the first check that saw 20 % of the inputs committed
            while (true) {
                status = progress.check();
                if (fifth == null && status.inputCommitted() * 5 >= expected) {
                    fifth = status;
                }
                if (status.done() && status.inputEnd() == expected) {
                    break;
                }
                if (failedState.get() != null || streams.state() == KafkaStreams.State.ERROR) {
                    throw new IllegalStateException(label + " streams failed (state " + streams.state() + ")");
                }
                long now = System.nanoTime();
                if (now > deadline) {
                    throw new TimeoutException(label + " not done within " + s.timeout().toSeconds() + " s: committed "
                            + status.inputCommitted() + " of " + status.inputEnd() + " inputs, repartition lag "
                            + status.internalLag());
                }
                if (now > nextReport) {
                    nextReport = now + TimeUnit.SECONDS.toNanos(5);
                    progress("%s committed %,d / %,d inputs (%,.0f/s so far), repartition lag %,d", label,
                            status.inputCommitted(), status.inputEnd(),
                            status.inputCommitted() / ((now - runningAt.get()) / 1e9), status.internalLag());
                }
                TimeUnit.MILLISECONDS.sleep(100);
            }
            CpuMeter.Usage usage = cpu.since(mark, appId);
            double fromRunning = (status.seenAtNanos() - runningAt.get()) / 1e9;
            double fromStart = (status.seenAtNanos() - startAt) / 1e9;
            double steady = fifth == null || fifth.seenAtNanos() >= status.seenAtNanos() ? Double.NaN
                    : (expected - fifth.inputCommitted()) / ((status.seenAtNanos() - fifth.seenAtNanos()) / 1e9);
            progress("%s %,d inputs committed %.2f s after RUNNING: %,.0f/s (from start(): %.2f s, %,.0f/s;"
                    + " after the first 20 %%: %,.0f/s)", label, expected, fromRunning, expected / fromRunning, fromStart,
                    expected / fromStart, steady);
            return new Throughput(expected, fromRunning, fromStart, steady, usage, threadMetrics(streams));
        }
    }

    /** Where the stream threads' time went, from Kafka Streams' own metrics (averaged over the last ~minute). */
    private static String threadMetrics(KafkaStreams streams) {
        Map<String, Double> sums = new HashMap<>();
        Map<String, Integer> counts = new HashMap<>();
        Set<String> wanted = Set.of("process-ratio", "commit-ratio", "poll-ratio", "punctuate-ratio",
                "commit-latency-avg", "commit-total", "process-total");
        double flushNs = 0;
        double txnCommitNs = 0;
        double sendOffsetsNs = 0;
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (!(e.getValue().metricValue() instanceof Number number) || Double.isNaN(number.doubleValue())) {
                continue;
            }
            double value = number.doubleValue();
            if (name.group().equals("stream-thread-metrics") && wanted.contains(name.name())) {
                sums.merge(name.name(), value, Double::sum);
                counts.merge(name.name(), 1, Integer::sum);
            } else if (name.group().equals("producer-metrics")) {
                switch (name.name()) {
                    case "flush-time-ns-total" -> flushNs += value;
                    case "txn-commit-time-ns-total" -> txnCommitNs += value;
                    case "txn-send-offsets-time-ns-total" -> sendOffsetsNs += value;
                    default -> { }
                }
            }
        }
        java.util.function.Function<String, Double> avg = k -> sums.getOrDefault(k, 0.0) / Math.max(1, counts.getOrDefault(k, 1));
        return ("stream threads (Streams' ratio metrics, last ~60 s): process %.0f %%, commit %.0f %%, poll %.0f %%,"
                + " punctuate %.0f %%; %,.0f commits, commit latency avg %.1f ms; producer flush %.1f s,"
                + " txn send-offsets %.1f s, txn commit %.1f s in total")
                .formatted(100 * avg.apply("process-ratio"), 100 * avg.apply("commit-ratio"),
                        100 * avg.apply("poll-ratio"), 100 * avg.apply("punctuate-ratio"),
                        sums.getOrDefault("commit-total", 0.0), avg.apply("commit-latency-avg"),
                        flushNs / 1e9, sendOffsetsNs / 1e9, txnCommitNs / 1e9);
    }

    /**
     * Records readable by a read_committed consumer on each topic (markers not counted); the inbox's also by
     * change (issued, states changed, withdrawn).
     */
    private Map<String, Long> countCommitted(List<String> topics, Topics catalogue) throws TimeoutException {
        var inboxValues = catalogue.inbox().valueSerde().deserializer();
        Map<String, Long> counts = new LinkedHashMap<>();
        topics.forEach(t -> counts.put(t, 0L));
        Map<String, Object> config = consumerConfig("driver-output-counter", "read_committed");
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000);
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                consumer.partitionsFor(topic).forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + s.timeout().toNanos();
            while (partitions.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
                if (System.nanoTime() > deadline) {
                    throw new TimeoutException("counting outputs took over " + s.timeout().toSeconds() + " s");
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(100))) {
                    counts.merge(r.topic(), 1L, Long::sum);
                    if (r.topic().equals(catalogue.inbox().name())) {
                        InboxRecord change = inboxValues.deserialize(r.topic(), r.value());
                        counts.merge("  " + change.getChange().getClass().getSimpleName(), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    // -------------------------------------------------------------------------------------- c) latency

    private Latency latency(Topics topics, String appId) throws Exception {
        int rate = s.rate();
        int warmup = (int) Math.min(Integer.MAX_VALUE / 2, rate * s.warmup().toSeconds());
        int measured = (int) Math.min(Integer.MAX_VALUE / 2, rate * s.latency().toSeconds());
        int total = warmup + measured;
        DomainEvents events = new DomainEvents(s.seed() + 1, s.users(), s.posts(), Instant.now());
        Map<UUID, Integer> indexOf = new ConcurrentHashMap<>(total * 2);
        AtomicLongArray sentAt = new AtomicLongArray(total);
        AtomicLongArray ackAt = new AtomicLongArray(total);
        AtomicLongArray visibleAt = new AtomicLongArray(total);
        AtomicLong visibleMeasured = new AtomicLong();
        AtomicLong otherNotifications = new AtomicLong();
        AtomicReference<Throwable> error = new AtomicReference<>();
        AtomicBoolean stop = new AtomicBoolean();

        Map<String, Object> consumerConfig = consumerConfig("driver-latency-consumer", "read_committed");
        // The consumer must not add its own wait: a fetch returns at most 10 ms after the broker has data.
        consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        KafkaConsumer<String, InboxRecord> consumer = new KafkaConsumer<>(consumerConfig,
                topics.inbox().keySerde().deserializer(), topics.inbox().valueSerde().deserializer());
        List<TopicPartition> partitions = consumer.partitionsFor(topics.inbox().name()).stream()
                .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        partitions.forEach(consumer::position); // resolve now, before the first event is sent
        Thread reader = new Thread(() -> {
            try {
                while (!stop.get()) {
                    ConsumerRecords<String, InboxRecord> records = consumer.poll(Duration.ofMillis(100));
                    long now = System.nanoTime();
                    for (ConsumerRecord<String, InboxRecord> r : records) {
                        Integer i = r.value() != null && r.value().getChange() instanceof NotificationIssued issued
                                ? indexOf.get(issued.getNotification().getSourceEventId()) : null;
                        if (i == null) {
                            otherNotifications.incrementAndGet();
                        } else if (visibleAt.compareAndSet(i, 0, now) && i >= warmup) {
                            visibleMeasured.incrementAndGet();
                        }
                    }
                }
            } catch (RuntimeException e) {
                error.compareAndSet(null, e);
            } finally {
                consumer.close(CloseOptions.timeout(Duration.ofSeconds(5)));
            }
        }, "driver-latency-consumer");
        reader.start();

        EventPublisher publisher = new EventPublisher(publisherConfig("driver-latency-producer"), topics);
        ScheduledExecutorService pacer = Executors.newSingleThreadScheduledExecutor(r -> new Thread(r, "driver-pacer"));
        CountDownLatch allSent = new CountDownLatch(1);
        AtomicLong acked = new AtomicLong();
        CpuMeter.Mark mark = cpu.mark();
        long t0 = System.nanoTime();
        int[] next = {0};
        progress("c) %,d events/s for %d s warm-up + %d s measured; each yields one notification",
                rate, s.warmup().toSeconds(), s.latency().toSeconds());
        // Open loop: every millisecond, send whatever the clock says is due, so a late tick catches up.
        ScheduledFuture<?> ticks = pacer.scheduleAtFixedRate(() -> {
            try {
                long due = Math.min(total, (long) ((System.nanoTime() - t0) / 1e9 * rate) + 1);
                while (next[0] < due) {
                    int i = next[0]++;
                    SpecificRecord event = events.certainNotification(i, Instant.now());
                    indexOf.put(DomainEvents.eventId(event), i);
                    sentAt.set(i, System.nanoTime());
                    publisher.publish(event).whenComplete((md, e) -> {
                        ackAt.set(i, System.nanoTime());
                        if (e != null) {
                            error.compareAndSet(null, e);
                        }
                        acked.incrementAndGet();
                    });
                }
                if (next[0] >= total) {
                    allSent.countDown();
                    throw new CancellationSignal();
                }
            } catch (CancellationSignal e) {
                throw e;
            } catch (RuntimeException e) {
                error.compareAndSet(null, e);
                allSent.countDown();
                throw e;
            }
        }, 0, 1, TimeUnit.MILLISECONDS);
        long drainMillis = 30_000 + 20L * s.commitIntervalMs();
        CpuMeter.Usage usage;
        try {
            long sendSeconds = s.warmup().toSeconds() + s.latency().toSeconds() + 30;
            if (!allSent.await(sendSeconds, TimeUnit.SECONDS)) {
                throw new TimeoutException("c) sent only " + next[0] + " of " + total + " events in " + sendSeconds + " s");
            }
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(drainMillis);
            while ((visibleMeasured.get() < measured || acked.get() < total) && System.nanoTime() < deadline
                    && error.get() == null) {
                TimeUnit.MILLISECONDS.sleep(20);
            }
            usage = cpu.since(mark, appId);
        } finally {
            ticks.cancel(false);
            pacer.shutdownNow();
            pacer.awaitTermination(10, TimeUnit.SECONDS);
            publisher.close();
            stop.set(true);
            reader.join(TimeUnit.SECONDS.toMillis(15));
        }
        if (error.get() != null) {
            throw new IllegalStateException("c) failed", error.get());
        }
        long[] ackToVisible = new long[measured];
        long[] sendToAck = new long[measured];
        int matched = 0;
        // p50/p99 per 5 s window of send time, to tell a catch-up after the warm-up from a steady state
        Map<Integer, List<Long>> windows = new java.util.TreeMap<>();
        for (int i = warmup; i < total; i++) {
            long ack = ackAt.get(i);
            long visible = visibleAt.get(i);
            if (ack != 0 && visible != 0) {
                ackToVisible[matched] = visible - ack;
                sendToAck[matched] = ack - sentAt.get(i);
                matched++;
                int window = (int) ((sentAt.get(i) - sentAt.get(warmup)) / 5_000_000_000L);
                windows.computeIfAbsent(window, w -> new ArrayList<>()).add(visible - ack);
            }
        }
        List<String> byWindow = new ArrayList<>();
        windows.forEach((w, values) -> {
            long[] sorted = values.stream().mapToLong(Long::longValue).sorted().toArray();
            byWindow.add("%d-%ds %.0f/%.0f".formatted(w * 5, w * 5 + 5, percentile(sorted, 50), percentile(sorted, 99)));
        });
        // Keeping up or not: medians of the first and the last tenth of the measured events, in send order.
        int tenth = Math.max(1, matched / 10);
        long[] first = Arrays.copyOfRange(ackToVisible, 0, Math.min(matched, tenth));
        long[] last = Arrays.copyOfRange(ackToVisible, Math.max(0, matched - tenth), matched);
        Arrays.sort(first);
        Arrays.sort(last);
        double firstMedian = percentile(first, 50);
        double lastMedian = percentile(last, 50);
        ackToVisible = Arrays.copyOf(ackToVisible, matched);
        sendToAck = Arrays.copyOf(sendToAck, matched);
        Arrays.sort(ackToVisible);
        Arrays.sort(sendToAck);
        double sendSpan = (sentAt.get(total - 1) - sentAt.get(warmup)) / 1e9;
        double achievedRate = measured > 1 && sendSpan > 0 ? (measured - 1) / sendSpan : 0;
        progress("c) %,d of %,d measured notifications seen; ack->visible p50 %.1f ms, p99 %.1f ms", matched, measured,
                percentile(ackToVisible, 50), percentile(ackToVisible, 99));
        return new Latency(measured, matched, achievedRate, ackToVisible, sendToAck, otherNotifications.get(), usage,
                drainMillis, firstMedian, lastMedian, String.join(", ", byWindow));
    }

    /** Ends a fixed-rate schedule from inside its task, without counting as a failure. */
    private static final class CancellationSignal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        CancellationSignal() {
            super(null, null, false, false);
        }
    }

    private static double percentile(long[] sortedNanos, double p) {
        if (sortedNanos.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))] / 1e6;
    }

    // ---------------------------------------------------------------------------------------- report

    /**
     * @param steadyRate records/s after the first 20 % of the input was committed (JIT and startup mostly behind)
     */
    private record Throughput(long records, double seconds, double secondsFromStart, double steadyRate,
                              CpuMeter.Usage cpu, String threadMetrics) {
        double rate() {
            return records / seconds;
        }
    }

    /**
     * @param firstMedian median latency of the first tenth of the measured events, ms
     * @param lastMedian  median latency of the last tenth; far above the first when the processor falls behind
     */
    private record Latency(int measured, int matched, double achievedRate, long[] ackToVisible, long[] sendToAck,
                           long otherNotifications, CpuMeter.Usage cpu, long drainMillis, double firstMedian,
                           double lastMedian, String byWindow) {

        /** Kept up unless latency grew by more than max(250 ms, 5 commit intervals) across the run. */
        boolean keptUp(int commitIntervalMs) {
            return !(lastMedian - firstMedian > Math.max(250, 5 * commitIntervalMs));
        }
    }

    private String report(Throughput pipe, Throughput count, List<TopologyRun> topologies, Latency latency) {
        StringBuilder out = new StringBuilder();
        Runtime rt = Runtime.getRuntime();
        out.append("\n=== Pulse stream-processor bench ===\n");
        out.append("JDK %s, %d CPUs, bench heap max %d MB; broker: %s, ready in %.1f s\n".formatted(
                Runtime.version(), rt.availableProcessors(), rt.maxMemory() >> 20,
                broker.isChild() ? "embedded, own JVM (heap " + s.brokerHeap() + ")" : "embedded, in the bench JVM",
                broker.startupTime().toMillis() / 1000.0));
        out.append("settings: exactly_once_v2, commit.interval.ms=%d, threads=%d, cache.bytes=%d, partitions=%d%s\n"
                .formatted(s.commitIntervalMs(), s.threads(), s.cacheBytes(), BenchSettings.PARTITIONS,
                        s.streamsProperties().isEmpty() ? "" : ", streams.properties " + s.streamsProperties()));
        out.append("records: pipe %,d x %d B values; topology %,d events (%s mix, %,d users, %,d posts, seed %d); latency %,d/s x %d s after %d s warm-up\n"
                .formatted(s.pipeRecords(), s.valueBytes(), s.events(), s.mix().name().toLowerCase(java.util.Locale.ROOT),
                        s.users(), s.posts(), s.seed(), s.rate(), s.latency().toSeconds(), s.warmup().toSeconds()));
        out.append("b) input mix: ").append(topologyMix).append('\n');
        out.append("pipe clients: acks=all, idempotent, linger.ms=5, batch.size=131072, no compression, max.poll.records=2000,"
                + " no transactions; %s%n%n".formatted(s.pipeWarmup() ? "timed pass after one untimed warm-up pass"
                        : "no warm-up pass"));

        out.append("%-44s %10s %9s %11s %9s %14s%n".formatted("throughput", "records", "seconds", "records/s", "vs pipe",
                "last 80 %/s"));
        double pipeRate = pipe == null ? Double.NaN : pipe.rate();
        row(out, "a) plain pipe consume->produce", pipe, pipeRate);
        if (s.reference()) {
            row(out, "d) one-store EOS count (reference)", count, pipeRate);
        }
        for (TopologyRun topology : topologies) {
            topologyRows(out, topology, count, pipeRate);
        }
        if (count != null) {
            out.append("   d) ").append(count.threadMetrics()).append('\n');
        }

        out.append("\n%-44s %7s %7s %7s %7s %7s %7s %9s%n".formatted("latency, ack -> visible to read_committed (ms)",
                "p50", "p95", "p99", "p99.9", "max", "mean", "seen"));
        if (latency == null) {
            out.append("c) not measured\n");
        } else {
            long[] l = latency.ackToVisible();
            double mean = Arrays.stream(l).average().orElse(Double.NaN) / 1e6;
            out.append("%-44s %7.1f %7.1f %7.1f %7.1f %7.1f %7.1f %9s%n".formatted(
                    "c) %,d events/s for %d s".formatted(s.rate(), s.latency().toSeconds()),
                    percentile(l, 50), percentile(l, 95), percentile(l, 99), percentile(l, 99.9), percentile(l, 100),
                    mean, "%,d/%,d".formatted(latency.matched(), latency.measured())));
            long[] a = latency.sendToAck();
            out.append("   c) paced at %,.0f events/s achieved; send -> ack p50 %.1f ms, p99 %.1f ms (linger.ms=5, lz4, acks=all);"
                    .formatted(latency.achievedRate(), percentile(a, 50), percentile(a, 99)));
            out.append(" unmatched notifications %,d; waited up to %d ms for the last%n".formatted(
                    latency.otherNotifications(), latency.drainMillis()));
            out.append("   c) median of the first / last tenth of the measured events: %.1f / %.1f ms%s%n".formatted(
                    latency.firstMedian(), latency.lastMedian(), latency.keptUp(s.commitIntervalMs()) ? ""
                            : " -> NOT KEEPING UP: the backlog grew during the run; the processor's capacity is below "
                            + "%,d events/s with these settings, so these percentiles are queueing time".formatted(s.rate())));
            out.append("   c) p50/p99 ms by 5 s window of send time: ").append(latency.byWindow()).append('\n');
        }

        out.append("\n%-36s %6s %8s %8s %6s %6s %7s %6s %15s %6s%n".formatted("CPU seconds", "wall", "streams",
                "rocksdb", "jit", "gc", "driver", "other", "broker (jit)", "cores"));
        cpuRow(out, "a) plain pipe", pipe == null ? null : pipe.cpu());
        if (s.reference()) {
            cpuRow(out, "d) one-store count", count == null ? null : count.cpu());
        }
        for (TopologyRun topology : topologies) {
            cpuRow(out, "b) whole topology, " + topology.variant().name(),
                    topology.throughput() == null ? null : topology.throughput().cpu());
        }
        cpuRow(out, "c) latency run (whole stage)", latency == null ? null : latency.cpu());
        out.append(("   streams = the application's Java threads (stream threads, state updater, its clients' I/O);"
                + " rocksdb = RocksDB background threads; jit/gc = this JVM's; driver = the bench's own clients;%n"
                + "   other = rest of this JVM; broker = %s; cores = all of it / wall%n").formatted(
                        broker.isChild() ? "the broker's JVM (of which its JIT)" : "broker threads in this JVM"));
        if (!failures.isEmpty()) {
            out.append("\nFAILED: ").append(String.join("; ", failures)).append('\n');
        }
        return out.toString();
    }

    private static void topologyRows(StringBuilder out, TopologyRun topology, Throughput count, double pipeRate) {
        Throughput t = topology.throughput();
        row(out, "b) whole topology, EOS, " + topology.variant().name(), t, pipeRate);
        if (t == null) {
            return;
        }
        if (count != null) {
            out.append("   b / d (topology vs one-store count): %.3f%n".formatted(t.rate() / count.rate()));
        }
        out.append("   b) %s: %s%n".formatted(topology.appId(), topology.variant().describe()));
        out.append("   b) timed from RUNNING to all input and repartition records committed (group offsets);"
                + " from start(): %.2f s, %,.0f events/s%n".formatted(t.secondsFromStart(), t.records() / t.secondsFromStart()));
        List<String> parts = new ArrayList<>();
        topology.outputs().forEach((topic, n) -> parts.add(topic.strip() + " " + "%,d".formatted(n)));
        out.append("   b) outputs (read_committed records): ").append(String.join(", ", parts)).append('\n');
        out.append("   b) internal writes: ").append(topology.internalWrites()).append('\n');
        out.append("   b) ").append(t.threadMetrics()).append('\n');
        if (topology.footprint() != null) {
            out.append(topology.footprint().describe("   b) "));
        }
    }

    private static void row(StringBuilder out, String name, Throughput t, double pipeRate) {
        if (t == null) {
            out.append("%-44s %10s%n".formatted(name, "failed"));
            return;
        }
        out.append("%-44s %,10d %9.2f %,11.0f %9.3f %,14.0f%n".formatted(name, t.records(), t.seconds(), t.rate(),
                t.rate() / pipeRate, t.steadyRate()));
    }

    private static void cpuRow(StringBuilder out, String name, CpuMeter.Usage u) {
        if (u == null) {
            out.append("%-36s %6s%n".formatted(name, "-"));
            return;
        }
        out.append("%-36s %6.1f %8.1f %8.1f %6.1f %6.1f %7.1f %6.1f %15s %6.2f%n".formatted(name, u.wallSeconds(),
                u.streams(), u.rocksdb(), u.jit(), u.gc(), u.driver(), u.other(),
                "%.1f (%.1f)".formatted(u.broker(), u.brokerJit()), u.total() / u.wallSeconds()));
    }

    // ---------------------------------------------------------------------------------------- clients

    private static Topic<byte[], byte[]> bytesTopic(String name) {
        return new Topic<>(name, Serdes.ByteArray(), Serdes.ByteArray(), KeyRule.asReceived(),
                BenchSettings.PARTITIONS, CleanupPolicy.DELETE, java.util.Optional.empty());
    }

    private KafkaProducer<byte[], byte[]> producer(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        config.put(ProducerConfig.LINGER_MS_CONFIG, 5);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private Map<String, Object> publisherConfig(String clientId) {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ProducerConfig.BATCH_SIZE_CONFIG, 131_072);
        return config;
    }

    private Map<String, Object> consumerConfig(String clientId, String isolation) {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        config.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
        return config;
    }

    /** Counts acknowledgements; remembers the first failure and when the last one arrived. */
    private static final class Acks implements Callback {
        private final long expected;
        private final AtomicLong done = new AtomicLong();
        private final AtomicReference<Throwable> error = new AtomicReference<>();
        private final CountDownLatch all = new CountDownLatch(1);
        private volatile long lastNanos;

        Acks(long expected) {
            this.expected = expected;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            complete(metadata, exception);
        }

        void complete(Object result, Throwable failure) {
            if (failure != null) {
                error.compareAndSet(null, failure);
            }
            if (done.incrementAndGet() == expected) {
                lastNanos = System.nanoTime();
                all.countDown();
            }
        }

        void await(Duration timeout, String what) throws InterruptedException, TimeoutException {
            if (!all.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new TimeoutException(what + ": " + done.get() + " of " + expected + " acknowledged within "
                        + timeout.toSeconds() + " s");
            }
            if (error.get() != null) {
                throw new IllegalStateException(what + " failed", error.get());
            }
        }
    }

    // ---------------------------------------------------------------------------------- housekeeping

    private void progress(String format, Object... args) {
        System.out.printf("[%6.1f s] %s%n", (System.nanoTime() - started) / 1e9, format.formatted(args));
        System.out.flush();
    }

    private synchronized void register(AutoCloseable resource) {
        cleanup.push(resource);
    }

    /** Releases everything in reverse order of acquisition; safe to call twice (main and the shutdown hook). */
    @Override
    public void close() {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        while (true) {
            AutoCloseable next;
            synchronized (this) {
                next = cleanup.poll();
            }
            if (next == null) {
                return;
            }
            try {
                next.close();
            } catch (Exception e) {
                System.err.println("cleanup: " + e);
            }
        }
    }

    private static void deleteRecursively(Path root) throws IOException {
        Utils.delete(root.toFile());
    }
}
