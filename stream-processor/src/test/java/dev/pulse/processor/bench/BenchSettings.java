package dev.pulse.processor.bench;

import java.time.Duration;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The bench's settings, from {@code --key=value} arguments. Any {@code --prop.<name>=<value>} is passed to
 * Kafka Streams as {@code streams.properties.<name>} (the same route the service's config takes).
 */
record BenchSettings(int events, int pipeRecords, boolean pipeWarmup, int valueBytes, int rate, Duration latency, Duration warmup,
                     int commitIntervalMs, int threads, long cacheBytes, int users, int posts, long seed,
                     boolean reference, boolean inProcessBroker, String brokerHeap, Duration timeout,
                     DomainEvents.Mix mix, List<StoreVariant> variants, Map<String, String> streamsProperties,
                     boolean help) {

    /** Partitions of every topic the bench measures: the catalogue's, and the pipe's to match. */
    static final int PARTITIONS = dev.pulse.schemas.kafka.Topics.DEFAULT_PARTITIONS;

    static String usage() {
        return """
                usage: ProcessorBench [--key=value ...]
                  --events=300000            domain events pre-loaded for the whole-topology run (b)
                  --pipe=500000              records pre-loaded for the plain consume->produce pipe (a)
                  --pipe-warmup=true         copy the pipe's input once untimed before the timed copy
                  --value-bytes=200          value size of the pipe's records
                  --rate=5000                events/s of the latency run (c)
                  --latency-seconds=30       measured duration of (c)
                  --warmup-seconds=5         un-measured lead-in of (c), at the same rate
                  --commit-interval-ms=100   streams.commit.interval.ms (alias --commit)
                  --threads=1                streams.threads
                  --cache-bytes=4194304      streams.cache.bytes (the service's default: 4 MiB)
                  --users=50000 --posts=100000 --seed=42   shape of the generated events
                  --reference=true           also run a one-store EOS count on the pipe's input (d)
                  --broker=child|inprocess   the embedded broker in its own JVM (default) or in this one
                  --broker-heap=1g           heap of the broker's JVM
                  --timeout-seconds=300      deadline of each wait
                  --mix=default|inbox        events of (b): contributions with a few take-backs, or 10 % inbox
                                             actions + 5 % retractions + 85 % contributions
                  --variants=rocksdb         store variants of (b), run in turn on the same pre-loaded events, e.g.
                                             rocksdb,memory,rocksdb; "memory" keeps --memory-stores in memory
                                             (still changelogged); (c) runs on the last one
                  --memory-stores=inbox-users,inbox-open-groups,inbox-refs   inbox stores of the "memory" variant
                  --prop.<name>=<value>      any Kafka Streams / client property, e.g. --prop.producer.linger.ms=5
                """;
    }

    static BenchSettings parse(String[] args) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, String> props = new TreeMap<>();
        boolean help = false;
        for (String arg : args) {
            if (arg.isBlank()) {
                continue;
            }
            if (arg.equals("--help") || arg.equals("-h")) {
                help = true;
                continue;
            }
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("Expected --key=value, got '" + arg + "'");
            }
            String key = arg.substring(2, arg.indexOf('=')).strip().toLowerCase(Locale.ROOT);
            String value = arg.substring(arg.indexOf('=') + 1).strip();
            if (key.startsWith("prop.")) {
                props.put(key.substring("prop.".length()), value);
            } else {
                values.put(key.equals("commit") ? "commit-interval-ms" : key, value);
            }
        }
        Reader r = new Reader(values);
        BenchSettings settings = new BenchSettings(
                r.integer("events", 300_000, 1),
                r.integer("pipe", 500_000, 1),
                r.bool("pipe-warmup", true),
                r.integer("value-bytes", 200, 1),
                r.integer("rate", 5_000, 1),
                Duration.ofSeconds(r.integer("latency-seconds", 30, 1)),
                Duration.ofSeconds(r.integer("warmup-seconds", 5, 0)),
                r.integer("commit-interval-ms", 100, 1),
                r.integer("threads", 1, 1),
                r.longValue("cache-bytes", 4L * 1024 * 1024, 0),
                r.integer("users", 50_000, 3),
                r.integer("posts", 100_000, 1),
                r.longValue("seed", 42, Long.MIN_VALUE),
                r.bool("reference", true),
                switch (r.string("broker", "child")) {
                    case "child" -> false;
                    case "inprocess" -> true;
                    default -> throw new IllegalArgumentException("--broker: child or inprocess");
                },
                r.string("broker-heap", "1g"),
                Duration.ofSeconds(r.integer("timeout-seconds", 300, 1)),
                switch (r.string("mix", "default")) {
                    case "default" -> DomainEvents.Mix.DEFAULT;
                    case "inbox" -> DomainEvents.Mix.INBOX;
                    default -> throw new IllegalArgumentException("--mix: default or inbox");
                },
                StoreVariant.parse(r.string("variants", "rocksdb"),
                        Arrays.asList(r.string("memory-stores", "inbox-users,inbox-open-groups,inbox-refs").split(","))),
                Map.copyOf(props),
                help);
        if (!values.isEmpty()) {
            throw new IllegalArgumentException("Unknown option(s): " + values.keySet());
        }
        return settings;
    }

    /** Takes values out of the map as they are read, so leftovers are unknown options. */
    private record Reader(Map<String, String> values) {

        String string(String key, String defaultValue) {
            String v = values.remove(key);
            return v == null || v.isEmpty() ? defaultValue : v;
        }

        int integer(String key, int defaultValue, int min) {
            long v = longValue(key, defaultValue, min);
            if (v > Integer.MAX_VALUE) {
                throw new IllegalArgumentException("--" + key + ": too large");
            }
            return (int) v;
        }

        long longValue(String key, long defaultValue, long min) {
            String raw = values.remove(key);
            if (raw == null || raw.isEmpty()) {
                return defaultValue;
            }
            long v;
            try {
                v = Long.parseLong(raw.replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--" + key + ": not a whole number: '" + raw + "'");
            }
            if (v < min) {
                throw new IllegalArgumentException("--" + key + ": must be >= " + min);
            }
            return v;
        }

        boolean bool(String key, boolean defaultValue) {
            String raw = values.remove(key);
            if (raw == null || raw.isEmpty()) {
                return defaultValue;
            }
            return switch (raw.toLowerCase(Locale.ROOT)) {
                case "true", "yes", "1" -> true;
                case "false", "no", "0" -> false;
                default -> throw new IllegalArgumentException("--" + key + ": true or false");
            };
        }
    }
}
