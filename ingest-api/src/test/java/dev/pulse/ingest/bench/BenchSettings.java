package dev.pulse.ingest.bench;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/** The ingest bench's settings, from {@code --key=value} arguments. */
record BenchSettings(int events, int warmupEvents, int batch, int clients, int rounds, int rate, Duration latency,
                     Duration warmup, int users, long seed, Duration timeout, Map<String, String> service, boolean help) {

    static final String USAGE = """
            usage: IngestBench [--key=value ...]
              --events=100000          events per throughput round (a), each way
              --warmup-events=30000    untimed events each way before the rounds
              --batch=100              events per HTTP batch
              --clients=8              concurrent HTTP clients, one keep-alive connection each
              --rounds=3               alternating rounds of raw producer and HTTP
              --rate=1000              single-event posts per second in (b)
              --latency-seconds=30     measured duration of (b)
              --warmup-seconds=10      un-measured lead-in of (b), at the same rate
              --users=50000 --seed=42  shape of the generated events
              --timeout-seconds=300    deadline of each wait
              --service.<key>=<value>  any ingest API setting, e.g. --service.kafka.client.linger.ms=1
            """;

    static BenchSettings parse(String[] args) {
        Map<String, String> values = new HashMap<>();
        Map<String, String> service = new HashMap<>();
        boolean help = false;
        for (String arg : args) {
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
            } else if (arg.startsWith("--service.") && arg.contains("=")) {
                service.put(arg.substring("--service.".length(), arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else if (arg.startsWith("--") && arg.contains("=")) {
                values.put(arg.substring(2, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("Expected --key=value, got '" + arg + "'");
            }
        }
        BenchSettings settings = new BenchSettings(take(values, "events", 100_000), take(values, "warmup-events", 30_000),
                take(values, "batch", 100), take(values, "clients", 8), take(values, "rounds", 3),
                take(values, "rate", 1_000), Duration.ofSeconds(take(values, "latency-seconds", 30)),
                Duration.ofSeconds(take(values, "warmup-seconds", 10)), take(values, "users", 50_000),
                take(values, "seed", 42), Duration.ofSeconds(take(values, "timeout-seconds", 300)), Map.copyOf(service), help);
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s): " + values.keySet() + "\n" + USAGE);
        }
        return settings;
    }

    private static int take(Map<String, String> values, String key, int defaultValue) {
        String raw = values.remove(key);
        if (raw == null || raw.isBlank()) {
            return defaultValue;
        }
        int value = Integer.parseInt(raw.replace("_", ""));
        if (value < 1) {
            throw new IllegalArgumentException("--" + key + " must be at least 1");
        }
        return value;
    }
}
