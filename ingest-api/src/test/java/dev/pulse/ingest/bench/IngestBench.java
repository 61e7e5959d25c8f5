package dev.pulse.ingest.bench;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.ingest.BenchAccess;
import dev.pulse.ingest.IngestApiService;
import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;
import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.KafkaClusterExtension;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Json;
import dev.pulse.service.RunningService;
import dev.pulse.service.ServiceConfig;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * The ingest API's benchmark (issue 14), in one JVM with the embedded broker: (a) events per second
 * accepted through {@code POST /v1/events} in batches, next to the raw Java producer writing the same
 * events in the same run, alternating rounds after an untimed warm-up of both; (b) single-event posts at a
 * steady rate, open loop ({@link OpenLoop}), p50/p99/max from each request's intended send time.
 * Run it with {@code scripts/bench-ingest.sh}; {@code --help} lists the options.
 */
public final class IngestBench {

    private static final PrintStream OUT = System.out;
    private static final String ISSUER = "pulse-bench";

    private final BenchSettings s;
    private final BenchEvents events;
    private final BenchAccess access;

    private IngestBench(BenchSettings settings, Topics topics) {
        this.s = settings;
        this.events = new BenchEvents(settings.seed(), settings.users());
        this.access = new BenchAccess(topics);
    }

    public static void main(String[] args) throws Exception {
        BenchSettings settings = BenchSettings.parse(args);
        if (settings.help()) {
            OUT.print(BenchSettings.USAGE);
            return;
        }
        String loadBefore = loadAverage();
        Topics topics = Topics.withPrefix("bench.");
        String secret = HmacTokens.newSecret();
        try (EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host("127.0.0.1").start()) {
            KafkaClusterExtension.create(new KafkaCluster(broker.bootstrapServers(), "embedded"), new ArrayList<>(topics.all()));
            try (RunningService service = start(broker.bootstrapServers(), topics, secret, settings.service());
                 EventPublisher publisher = new EventPublisher(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                         broker.bootstrapServers(), ProducerConfig.CLIENT_ID_CONFIG, "bench-raw-producer"), topics)) {
                String token = new HmacTokens(Base64.getDecoder().decode(secret), ISSUER)
                        .issue("bench-producer", List.of(BenchAccess.WRITE_SCOPE), Duration.ofHours(4));
                new IngestBench(settings, topics).run(service.port(), token, publisher, loadBefore);
            }
        }
        System.exit(0);
    }

    private static RunningService start(String bootstrapServers, Topics topics, String secret,
                                        Map<String, String> overrides) {
        Map<String, String> config = new HashMap<>(Map.of("server.host", "127.0.0.1", "server.port", "0",
                "kafka.bootstrap.servers", bootstrapServers, "kafka.topic.prefix", topics.prefix(),
                "security.jwt.secret", secret, "security.jwt.issuer", ISSUER,
                "events.rate.per.second", "1000000", "events.rate.burst", "1000000"));
        config.putAll(overrides);
        return IngestApiService.start(ServiceConfig.layered(IngestApiService.NAME, Config.just(ConfigSources.create(config))));
    }

    private void run(int port, String token, EventPublisher publisher, String loadBefore) throws Exception {
        progress("warm-up: %,d events each way", s.warmupEvents());
        List<SpecificRecord> warm = events.next(s.warmupEvents());
        Throughput.producer(publisher, warm, s.timeout());
        Throughput.http(batches(warm), s.batch(), s.clients(), port, token);
        List<String> rows = new ArrayList<>();
        for (int round = 1; round <= s.rounds(); round++) {
            List<SpecificRecord> same = events.next(s.events());
            Throughput.Result raw = Throughput.producer(publisher, same, s.timeout());
            Throughput.Result http = Throughput.http(batches(same), s.batch(), s.clients(), port, token);
            rows.add(String.format("  round %d: raw producer %,.0f events/s (%.1f s); HTTP %,.0f events/s (%.1f s, %d"
                            + " batches not 202); ratio %.2f", round, raw.perSecond(), raw.seconds(), http.perSecond(),
                    http.seconds(), http.failed(), http.perSecond() / raw.perSecond()));
            progress(rows.getLast().strip());
        }
        int total = (int) ((s.warmup().toSeconds() + s.latency().toSeconds()) * s.rate());
        progress("latency: %,d single-event posts at %,d/s (%d s warm-up + %d s measured)", total, s.rate(),
                s.warmup().toSeconds(), s.latency().toSeconds());
        List<String> singles = events.next(total).stream().map(e -> access.json(e).toString()).toList();
        OpenLoop.Result latency = OpenLoop.run(singles, s.rate(), s.warmup(), new BenchHttp(port, token), s.timeout());
        report(rows, latency, loadBefore);
    }

    private List<String> batches(List<SpecificRecord> all) {
        List<String> bodies = new ArrayList<>(all.size() / s.batch() + 1);
        for (int from = 0; from < all.size(); from += s.batch()) {
            ObjectNode body = Json.mapper().createObjectNode();
            ArrayNode array = body.putArray("events");
            all.subList(from, Math.min(all.size(), from + s.batch())).forEach(e -> array.add(access.json(e)));
            bodies.add(body.toString());
        }
        return bodies;
    }

    private void report(List<String> rows, OpenLoop.Result latency, String loadBefore) {
        OUT.printf("%nIngest API bench, %s, %d cores, Java %s%n", Instant.now(), Runtime.getRuntime().availableProcessors(),
                Runtime.version());
        OUT.printf("service settings over the bench's: %s%n", s.service());
        OUT.printf("load average before: %s; after: %s%n", loadBefore, loadAverage());
        OUT.printf("a) %,d events per round in batches of %d by %d HTTP clients vs the raw producer (EventPublisher):%n",
                s.events(), s.batch(), s.clients());
        rows.forEach(OUT::println);
        OUT.printf("b) single-event POST at %,d/s open loop, %d s measured: p50 %.1f ms, p99 %.1f ms, p99.9 %.1f ms,"
                        + " max %.1f ms (%,d requests, %d not 202; answered %,.0f/s)%n", s.rate(), s.latency().toSeconds(),
                latency.percentile(50) / 1e3, latency.percentile(99) / 1e3, latency.percentile(99.9) / 1e3,
                latency.max() / 1e3, latency.sent(), latency.failed(), latency.served());
        OUT.flush();
    }

    private static String loadAverage() {
        try {
            return Files.readString(Path.of("/proc/loadavg")).strip();
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void progress(String format, Object... args) {
        System.err.printf("[bench %s] %s%n", Instant.now(), String.format(format, args));
    }
}
