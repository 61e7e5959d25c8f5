package dev.pulse.launcher;

import dev.pulse.edge.WsEdgeService;
import dev.pulse.ingest.IngestApiService;
import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.pulse.processor.StreamProcessorService;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.InvalidConfigException;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import dev.pulse.service.Settings;
import dev.pulse.service.StartFailure;
import dev.pulse.service.ServiceRoutes;
import dev.pulse.topics.TopicReport;
import dev.pulse.topics.TopicTool;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one-command start: an embedded Kafka broker (or an existing cluster), every topic of the
 * catalogue, and the three services, each on its own port, with a development JWT to try them.
 * Closing it stops the services, then the broker; the data directory survives for the next start.
 */
public final class Launcher implements AutoCloseable {

    static final String DEV_ISSUER = "pulse-dev";

    private static final Logger LOG = LoggerFactory.getLogger(Launcher.class);
    private static final List<ServiceStarter> SERVICES = List.of(
            new ServiceStarter(StreamProcessorService.NAME, "processor", StreamProcessorService::start),
            new ServiceStarter(WsEdgeService.NAME, "edge", WsEdgeService::start),
            new ServiceStarter(IngestApiService.NAME, "ingest", IngestApiService::start));

    private final EmbeddedKafkaBroker broker;
    private final List<RunningService> services;
    private final String bootstrapServers;
    private final Optional<String> devToken;

    private Launcher(EmbeddedKafkaBroker broker, List<RunningService> services, String bootstrapServers,
                     Optional<String> devToken) {
        this.broker = broker;
        this.services = services;
        this.bootstrapServers = bootstrapServers;
        this.devToken = devToken;
    }

    /** @param configKey the service's sub-tree in the launcher's config: a plain word, so env vars stay plain */
    private record ServiceStarter(String name, String configKey, Function<Config, RunningService> start) {
    }

    /** The launcher's configuration: system properties, environment variables, then launcher.yaml. */
    static Config defaultConfig() {
        return Config.builder()
                .disableEnvironmentVariablesSource()
                .disableSystemPropertiesSource()
                .addSource(ConfigSources.systemProperties())
                .addSource(ConfigSources.environmentVariables())
                .addSource(ConfigSources.classpath("launcher.yaml"))
                .build();
    }

    /** Starts everything; on any failure stops what already started and rethrows. */
    static Launcher start(LauncherArguments args, Config config) {
        Settings settings = new Settings(config);
        Path dataDir = Path.of(args.dataDir().orElseGet(() -> settings.text("launcher.data.dir"))).toAbsolutePath();
        String configuredBootstrap = args.bootstrapServers()
                .orElseGet(() -> settings.optionalText("kafka.bootstrap.servers").orElse("")).strip();
        String kafkaHost = settings.text("kafka.host");
        int kafkaPort = settings.integer("kafka.port", 0, 65_535);
        int controllerPort = settings.integer("kafka.controller.port", 0, 65_535);
        String prefix = settings.optionalText("kafka.topic.prefix").orElse("");
        String tokenUser = settings.text("launcher.token.user");
        List<String> tokenScopes = settings.list("launcher.token.scopes");
        Duration tokenLifetime = Duration.ofHours(settings.integer("launcher.token.hours", 1, 24));
        settings.requireValid("launcher");
        EmbeddedKafkaBroker broker = null;
        List<RunningService> started = new ArrayList<>();
        try {
            if (configuredBootstrap.isEmpty()) {
                broker = EmbeddedKafkaBroker.builder()
                        .dataDir(dataDir.resolve("kafka"))
                        .host(kafkaHost)
                        .port(kafkaPort)
                        .controllerPort(controllerPort)
                        .start();
            }
            String bootstrap = broker != null ? broker.bootstrapServers() : configuredBootstrap;
            declareTopics(bootstrap, Topics.withPrefix(prefix));

            Optional<String> configuredSecret = config.get("security.jwt.secret").asString().asOptional()
                    .filter(s -> !s.isBlank());
            String secret = configuredSecret.orElseGet(() -> DevJwtKey.loadOrCreate(dataDir));
            Map<String, String> forced = Map.of(
                    "kafka.bootstrap.servers", bootstrap,
                    "kafka.topic.prefix", prefix,
                    "security.jwt.secret", secret,
                    "security.jwt.issuer", DEV_ISSUER);
            for (ServiceStarter service : SERVICES) {
                Config overrides = Config.builder()
                        .disableEnvironmentVariablesSource()
                        .disableSystemPropertiesSource()
                        .addSource(ConfigSources.create(forced))
                        .addSource(ConfigSources.create(config.get(service.configKey()).detach()))
                        .addSource(ConfigSources.create(localDefaults(service, dataDir, started)))
                        .build();
                started.add(service.start().apply(ServiceConfig.layered(service.name(), overrides)));
            }
            Optional<String> token = Optional.of(new HmacTokens(Base64.getDecoder().decode(secret), DEV_ISSUER)
                    .issue(tokenUser, tokenScopes, tokenLifetime));
            return new Launcher(broker, List.copyOf(started), bootstrap, token);
        } catch (RuntimeException e) {
            new Launcher(broker, started, configuredBootstrap, Optional.empty()).close();
            throw e;
        }
    }

    /**
     * What the launcher sets for a service on this machine, below everything configured: loopback, any
     * browser origin, the processor (started first) for the services that
     * ask it, and for the ingest API development mode (its token route).
     */
    private static Map<String, String> localDefaults(ServiceStarter service, Path dataDir, List<RunningService> started) {
        Map<String, String> defaults = new HashMap<>(Map.of(
                "server.host", "127.0.0.1",
                "server.cors.origins", "*",
                "streams.advertised.host", "127.0.0.1",
                "streams.state.dir", dataDir.resolve(service.configKey() + "-state").toString()));
        if (service.name().equals(IngestApiService.NAME)) {
            defaults.put("dev.mode", "true");
        }
        started.stream().filter(s -> s.name().equals(StreamProcessorService.NAME)).findFirst()
                .ifPresent(processor -> defaults.put("processor.url", "http://127.0.0.1:" + processor.port()));
        return defaults;
    }

    private static void declareTopics(String bootstrap, Topics topics) {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            TopicReport report = new TopicTool(admin).apply(topics.all(), (short) 0, false);
            for (String line : report.lines()) {
                if (report.hasDrift()) {
                    LOG.warn("topics: {}", line);
                } else {
                    LOG.info("topics: {}", line);
                }
            }
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Cannot declare topics on " + bootstrap + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while declaring topics", e);
        }
    }

    public List<RunningService> services() {
        return services;
    }

    public String bootstrapServers() {
        return bootstrapServers;
    }

    public Optional<String> devToken() {
        return devToken;
    }

    /** The ready lines: where Kafka is, one line per service with its URL, and a token to try them. */
    void printReady(PrintStream out) {
        out.println("Pulse is up. Kafka: " + bootstrapServers + (broker != null
                ? " (embedded, data in " + broker.dataDir().getParent() + ")" : " (existing cluster)"));
        for (RunningService service : services) {
            out.printf("  ready  %-17s http://localhost:%d  (health: /health)%n", service.name(), service.port());
        }
        devToken.ifPresent(token -> {
            out.println("Development JWT (issuer " + DEV_ISSUER + "):");
            out.println("  " + token);
            out.println("Try: curl -H \"Authorization: Bearer <token>\" http://localhost:" + services.getFirst().port()
                    + ServiceRoutes.SESSION_PATH);
        });
        services.stream().filter(s -> s.name().equals(IngestApiService.NAME)).findFirst().ifPresent(ingest -> out.println(
                "A token for any user: curl -H 'Content-Type: application/json' -d '{\"userId\":\"ana\"}' http://localhost:"
                        + ingest.port() + "/v1/dev/token"));
        out.println("Ctrl-C stops everything; data stays for the next start.");
        out.flush();
    }

    /** Stops the services (last started first), then the embedded broker. */
    @Override
    public void close() {
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (RuntimeException e) {
                LOG.warn("{} did not stop cleanly", services.get(i).name(), e);
            }
        }
        if (broker != null) {
            broker.close();
        }
    }

    public static void main(String[] argv) {
        PrintStream out = System.out;
        LauncherArguments args;
        try {
            args = LauncherArguments.parse(argv);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LauncherArguments.USAGE);
            System.exit(1);
            return;
        }
        if (args.help()) {
            out.println(LauncherArguments.USAGE);
            return;
        }
        Launcher launcher;
        try {
            launcher = start(args, defaultConfig());
        } catch (InvalidConfigException e) {
            LOG.error(e.getMessage());
            System.exit(2);
            return;
        } catch (RuntimeException e) {
            LOG.error("Pulse did not start: {}", StartFailure.describe(e));
            LOG.debug("Pulse start failure", e);
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("Stopping Pulse ...");
            launcher.close();
            LOG.info("Pulse stopped cleanly");
            stopped.countDown();
        }, "pulse-shutdown"));
        launcher.printReady(out);
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
