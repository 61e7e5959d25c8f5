package dev.pulse.kafka.embedded;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A single-node Kafka cluster (one process acting as KRaft controller and broker) running the real
 * broker from Kafka's own jars inside this JVM. It backs the launcher and the tests alike.
 *
 * <p>The data directory is formatted on first use and reused afterwards, so data survives a restart;
 * without one, a temporary directory is used and deleted on {@link #close()}. Kafka's internal
 * classes are touched only here.
 */
public final class EmbeddedKafkaBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedKafkaBroker.class);
    private static final String LOG_DIR = "kraft-combined-logs";

    private final Path dataDir;
    private final boolean temporary;
    private final String host;
    private final int port;
    private final int controllerPort;
    private final FileChannel dataDirLock;
    private KafkaRaftServer server;
    private final Duration startupTime;

    private EmbeddedKafkaBroker(Builder builder) throws IOException {
        this.temporary = builder.dataDir == null;
        this.dataDir = temporary ? Files.createTempDirectory("embedded-kafka-") : builder.dataDir.toAbsolutePath();
        this.host = builder.host;
        int[] ports = portsFor(host, builder.port, builder.controllerPort);
        this.port = ports[0];
        this.controllerPort = ports[1];
        long started = System.nanoTime();
        Properties props = serverProperties(builder.overrides);
        Files.createDirectories(dataDir);
        this.dataDirLock = lock(dataDir);
        try {
            requireFree(port);
            requireFree(controllerPort);
        } catch (RuntimeException e) {
            releaseLock();
            throw e;
        }
        Path propsFile = dataDir.resolve("server.properties");
        try (Writer out = Files.newBufferedWriter(propsFile, StandardCharsets.UTF_8)) {
            props.store(out, "Written by EmbeddedKafkaBroker on each start; edits are overwritten");
        }
        KafkaRaftServer created = null;
        try {
            formatIfNew(propsFile);
            created = new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
            created.startup();
            this.server = created;
            awaitReady(builder.readyTimeout);
        } catch (RuntimeException e) {
            if (created != null) {
                stop(created);
            }
            releaseLock();
            throw portHint(e);
        }
        this.startupTime = Duration.ofNanos(System.nanoTime() - started);
        LOG.info("Embedded Kafka ready at {} in {} ms (data: {})", bootstrapServers(), startupTime.toMillis(), dataDir);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The address clients connect to, {@code host:port}. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    /** The broker's port; with {@link #controllerPort()}, what a restart on the same data and address needs. */
    public int port() {
        return port;
    }

    public int controllerPort() {
        return controllerPort;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Time from the start call to a broker answering metadata requests, formatting included. */
    public Duration startupTime() {
        return startupTime;
    }

    private Properties serverProperties(Map<String, String> overrides) {
        Properties props = new Properties();
        props.put("process.roles", "broker,controller");
        props.put("node.id", "1");
        props.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
        props.put("listeners", "PLAINTEXT://" + host + ":" + port + ",CONTROLLER://" + host + ":" + controllerPort);
        props.put("advertised.listeners", "PLAINTEXT://" + host + ":" + port);
        props.put("controller.listener.names", "CONTROLLER");
        props.put("inter.broker.listener.name", "PLAINTEXT");
        props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
        props.put("log.dirs", dataDir.resolve(LOG_DIR).toString());
        // One node: every internal topic has one replica; small internal topics start fast.
        props.put("offsets.topic.replication.factor", "1");
        props.put("offsets.topic.num.partitions", "5");
        props.put("transaction.state.log.replication.factor", "1");
        props.put("transaction.state.log.min.isr", "1");
        props.put("transaction.state.log.num.partitions", "5");
        props.put("share.coordinator.state.topic.replication.factor", "1");
        props.put("share.coordinator.state.topic.min.isr", "1");
        props.put("min.insync.replicas", "1");
        props.put("group.initial.rebalance.delay.ms", "0");
        // A dead client's open transaction is aborted once its timeout has passed, checked this often
        // (Kafka's default 10 s); until then read_committed readers stop at it, so a crashed stream
        // processor's users would wait up to 10 s more (docs/ARCHITECTURE.md, "Failover").
        props.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "1000");
        // Topics come from the catalogue only: a typo must fail, not create a topic.
        props.put("auto.create.topics.enable", "false");
        props.put("num.partitions", "1");
        props.putAll(overrides);
        return props;
    }

    private void formatIfNew(Path propsFile) {
        if (Files.exists(dataDir.resolve(LOG_DIR).resolve("meta.properties"))) {
            return;
        }
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        String[] args = {"format", "--config", propsFile.toString(), "--cluster-id", Uuid.randomUuid().toString()};
        int exit;
        try (PrintStream out = new PrintStream(output, true, StandardCharsets.UTF_8)) {
            exit = StorageTool.execute(args, out);
        } catch (RuntimeException e) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dataDir + ": " + e.getMessage(), e);
        }
        if (exit != 0) {
            throw new IllegalStateException("Cannot format Kafka storage in " + dataDir + ": "
                    + output.toString(StandardCharsets.UTF_8).strip());
        }
    }

    private void awaitReady(Duration timeout) {
        Map<String, Object> config = Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) timeout.toMillis(),
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        try (Admin admin = Admin.create(config)) {
            admin.describeCluster().nodes().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Embedded Kafka did not answer at " + bootstrapServers()
                    + " within " + timeout.toSeconds() + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting for embedded Kafka", e);
        }
    }

    private RuntimeException portHint(RuntimeException e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof java.net.BindException || String.valueOf(t.getMessage()).contains("Address already in use")) {
                return new IllegalStateException("Cannot start embedded Kafka: port " + port + " or " + controllerPort
                        + " on " + host + " is already in use. Stop the other process or choose other ports.", e);
            }
        }
        return e;
    }

    /**
     * One broker per data directory: a second one writing the same metadata log would corrupt it.
     * Kafka halts the whole JVM when a controller port is taken, so ports are checked up front too.
     */
    private static FileChannel lock(Path dataDir) throws IOException {
        FileChannel channel = FileChannel.open(dataDir.resolve(".embedded-kafka.lock"),
                StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            if (channel.tryLock() == null) {
                throw new IllegalStateException(busy(dataDir));
            }
        } catch (OverlappingFileLockException e) {
            channel.close();
            throw new IllegalStateException(busy(dataDir), e);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
        return channel;
    }

    private static String busy(Path dataDir) {
        return "Another embedded Kafka is using " + dataDir + "; stop it first or choose another data directory";
    }

    private void requireFree(int candidate) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(InetAddress.getByName(host), candidate));
        } catch (IOException e) {
            throw new IllegalStateException("Cannot start embedded Kafka: port " + candidate + " on " + host
                    + " is already in use. Stop the other process or choose other ports.", e);
        }
    }

    private void releaseLock() {
        try {
            dataDirLock.close();
        } catch (IOException e) {
            LOG.warn("Could not release the lock on {}: {}", dataDir, e.getMessage());
        }
    }

    /**
     * The broker's and the controller's ports: each one given, or a free one for a 0. The free ones are held
     * open together while chosen, so they differ from each other (the OS may hand out a port it just
     * released again, and two listeners on one port fail the broker's format), and from a given one.
     */
    private static int[] portsFor(String host, int... wanted) throws IOException {
        int[] ports = wanted.clone();
        List<ServerSocket> held = new ArrayList<>();
        try {
            for (int i = 0; i < ports.length; i++) {
                while (ports[i] == 0) {
                    ServerSocket socket = new ServerSocket();
                    held.add(socket);
                    socket.setReuseAddress(true);
                    socket.bind(new InetSocketAddress(InetAddress.getByName(host), 0));
                    int candidate = socket.getLocalPort();
                    if (Arrays.stream(wanted).noneMatch(given -> given == candidate)) {
                        ports[i] = candidate;
                    }
                }
            }
            return ports;
        } finally {
            for (ServerSocket socket : held) {
                socket.close();
            }
        }
    }

    private static void stop(KafkaRaftServer server) {
        try {
            server.shutdown();
            server.awaitShutdown();
        } catch (RuntimeException e) {
            LOG.warn("Embedded Kafka did not stop cleanly", e);
        }
    }

    /** Stops the broker; deletes the data directory if it was temporary. */
    @Override
    public void close() {
        stop(server);
        releaseLock();
        if (temporary) {
            deleteRecursively(dataDir);
        }
        LOG.info("Embedded Kafka at {} stopped", bootstrapServers());
    }

    private static void deleteRecursively(Path root) {
        try {
            Utils.delete(root.toFile());
        } catch (IOException e) {
            LOG.warn("Could not delete {}: {}", root, e.getMessage());
        }
    }

    /** Settings of an embedded broker; every one has a working default. */
    public static final class Builder {
        private Path dataDir;
        private String host = "127.0.0.1";
        private int port;
        private int controllerPort;
        private Duration readyTimeout = Duration.ofSeconds(60);
        private final Map<String, String> overrides = new LinkedHashMap<>();

        private Builder() {
        }

        /** Where logs and metadata live; reused across starts. Default: a temporary directory. */
        public Builder dataDir(Path dataDir) {
            this.dataDir = Objects.requireNonNull(dataDir, "dataDir");
            return this;
        }

        /** The interface to listen on. Default 127.0.0.1. */
        public Builder host(String host) {
            this.host = Objects.requireNonNull(host, "host");
            return this;
        }

        /** The client port; 0 (default) picks a free one. */
        public Builder port(int port) {
            this.port = checkPort(port);
            return this;
        }

        /** The KRaft controller port; 0 (default) picks a free one. */
        public Builder controllerPort(int controllerPort) {
            this.controllerPort = checkPort(controllerPort);
            return this;
        }

        public Builder readyTimeout(Duration readyTimeout) {
            this.readyTimeout = Objects.requireNonNull(readyTimeout, "readyTimeout");
            return this;
        }

        /** Any broker setting, applied over the defaults. */
        public Builder config(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Formats storage if new, starts the broker and waits until it answers. */
        public EmbeddedKafkaBroker start() {
            try {
                return new EmbeddedKafkaBroker(this);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot prepare embedded Kafka data directory", e);
            }
        }

        private static int checkPort(int port) {
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Port must be 0..65535, was " + port);
            }
            return port;
        }
    }
}
