package dev.pulse.edge.bench;

import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The load tool's command line ({@link #USAGE}). Targets are loopback only: the tool refuses any other host,
 * so it can never load a machine it was not meant for.
 */
record LoadOptions(URI url, List<Integer> steps, int processes, int sources, int rate, int inFlight,
                   Optional<String> secret, String issuer, String userPrefix, TokenPlace tokenIn,
                   Optional<String> readyOn, String latencyField, Optional<Long> heapPid, int histogramTop, Optional<Path> growthFile,
                   Optional<URI> trigger, Optional<String> onReady, Optional<Drive> drive, Duration hold,
                   Duration timeout, String childHeap, String label, int childIndex, List<String> raw) {

    /** Most sockets one client process opens: open files are capped at 20,000 per process here. */
    static final int MAX_PER_PROCESS = 9_000;

    /**
     * Events written to the target's Kafka while the sockets are open ({@link PipelineDriver}): {@code likes}
     * of {@code hotPosts} posts (their counts go to whoever subscribed them), or {@code messages}, each to one
     * random connected user (one notification each). Frames are counted over {@code seconds} after
     * {@code warmup}.
     */
    record Drive(String kind, String kafka, String topicPrefix, int rate, Duration warmup, Duration seconds,
                 int hotPosts) {
        static final Set<String> KINDS = Set.of("likes", "messages");
    }

    /** Where a socket's token goes (docs/PROTOCOL.md, Connecting). */
    enum TokenPlace { HEADER, QUERY, PROTOCOL }

    private static final Set<String> KNOWN = Set.of("url", "steps", "connections", "processes",
            "sources", "rate", "in-flight", "secret", "issuer", "users", "token-in", "ready-on", "latency-field",
            "heap-pid", "histogram-top", "growth-file", "trigger", "on-ready", "drive", "kafka", "topic-prefix",
            "drive-rate", "drive-warmup", "drive-seconds", "hot-posts", "hold", "timeout", "child-heap", "label",
            "child-index");

    static final String USAGE = """
            usage: EdgeLoad --url=ws://127.0.0.1:PORT/ws [options]   (loopback targets only)
              --steps=2000,16000     cumulative socket counts; the sockets stay open across steps (or --connections=N)
              --processes=K          client JVMs (default: one per 9,000 sockets)
              --sources=4            source addresses 127.0.0.2 .. 127.0.0.(1+N); 0 = the system's choice
              --rate=500             connects per second over all processes;  --in-flight=256 per process
              --secret=BASE64        HS256 secret: each socket gets its own token (sub = PREFIX<i>)
              --issuer=pulse-dev  --users=u  --token-in=header|query|protocol
              --ready-on=hello       a socket counts as connected when a frame of this type arrives (default: at open)
              --latency-field=sentAtMicros   frames with this field (epoch micros or ISO instant) give latency
              --heap-pid=PID         after each step: jcmd GC.run, used heap and class histogram of that JVM
              --histogram-top=15     classes shown in the per-socket histogram diff
              --growth-file=PATH     every class's growth per socket, tab-separated (bytes, instances, class)
              --trigger=URL          POSTed once after the last step (e.g. the bare server's /broadcast)
              --on-ready=FRAME       a text frame each socket sends once ready (e.g. a subscribe)
              --drive=likes|messages after the last step, write events to the target's Kafka (needs --kafka):
                                     likes of --hot-posts=1 posts hot0.. by new users, or messages to random
                                     connected users; frames/s are counted over --drive-seconds=30 after
                                     --drive-warmup=10, at --drive-rate=500 events/s; messages also give the
                                     latency from the producer's ack to visible on the inbox topic and to the frame
              --kafka=HOST:PORT  --topic-prefix=     the target's broker (loopback) and topic prefix
              --hold=SECONDS         keep counting frames this long after the last step (default 0)
              --timeout=SECONDS      the whole run's limit (default 900);  --child-heap=768m  --label=NAME""";

    static LoadOptions parse(String[] args) {
        Map<String, String> given = new HashMap<>();
        for (String arg : args) {
            if (!arg.startsWith("--") || !arg.contains("=")) {
                throw new IllegalArgumentException("expected --name=value, got '" + arg + "'");
            }
            String name = arg.substring(2, arg.indexOf('='));
            if (!KNOWN.contains(name)) {
                throw new IllegalArgumentException("unknown option --" + name);
            }
            given.put(name, arg.substring(arg.indexOf('=') + 1));
        }
        URI url = loopback(URI.create(required(given, "url")), "ws");
        List<Integer> steps = steps(given);
        int biggest = steps.getLast();
        int processes = number(given, "processes", (biggest + MAX_PER_PROCESS - 1) / MAX_PER_PROCESS);
        if ((biggest + processes - 1) / processes > MAX_PER_PROCESS) {
            throw new IllegalArgumentException("--processes=" + processes + " puts more than " + MAX_PER_PROCESS
                    + " sockets in one process (open files are capped at 20,000): use more processes");
        }
        return new LoadOptions(url, steps, processes, number(given, "sources", 4), number(given, "rate", 500),
                number(given, "in-flight", 256), Optional.ofNullable(given.get("secret")),
                given.getOrDefault("issuer", "pulse-dev"), given.getOrDefault("users", "u"),
                TokenPlace.valueOf(given.getOrDefault("token-in", "header").toUpperCase()),
                Optional.ofNullable(given.get("ready-on")), given.getOrDefault("latency-field", "sentAtMicros"),
                Optional.ofNullable(given.get("heap-pid")).map(Long::parseLong), number(given, "histogram-top", 15),
                Optional.ofNullable(given.get("growth-file")).map(Path::of),
                Optional.ofNullable(given.get("trigger")).map(t -> loopback(URI.create(t), "http")),
                Optional.ofNullable(given.get("on-ready")), drive(given), Duration.ofSeconds(number(given, "hold", 0)), Duration.ofSeconds(number(given, "timeout", 900)),
                given.getOrDefault("child-heap", "768m"), given.getOrDefault("label", url.toString()),
                number(given, "child-index", -1), List.of(args));
    }

    boolean isChild() {
        return childIndex >= 0;
    }

    /** The command line of child {@code index}: the same options, marked as that child. */
    List<String> childArgs(int index) {
        List<String> out = new ArrayList<>(raw.stream().filter(a -> !a.startsWith("--child-index=")).toList());
        out.add("--child-index=" + index);
        return out;
    }

    private static List<Integer> steps(Map<String, String> given) {
        String raw = given.getOrDefault("steps", given.get("connections"));
        if (raw == null) {
            throw new IllegalArgumentException("--steps or --connections is needed");
        }
        List<Integer> steps = Arrays.stream(raw.split(",")).map(String::strip).map(Integer::parseInt).toList();
        for (int i = 0; i < steps.size(); i++) {
            if (steps.get(i) < 1 || (i > 0 && steps.get(i) <= steps.get(i - 1))) {
                throw new IllegalArgumentException("--steps must be positive and increasing, got " + raw);
            }
        }
        return steps;
    }

    private static Optional<Drive> drive(Map<String, String> given) {
        String kind = given.get("drive");
        if (kind == null) {
            return Optional.empty();
        }
        if (!Drive.KINDS.contains(kind)) {
            throw new IllegalArgumentException("--drive must be one of " + Drive.KINDS + ", got '" + kind + "'");
        }
        String kafka = required(given, "kafka");
        loopback(URI.create("kafka://" + kafka), "kafka");
        return Optional.of(new Drive(kind, kafka, given.getOrDefault("topic-prefix", ""),
                number(given, "drive-rate", 500), Duration.ofSeconds(number(given, "drive-warmup", 10)),
                Duration.ofSeconds(number(given, "drive-seconds", 30)), number(given, "hot-posts", 1)));
    }

    private static URI loopback(URI uri, String scheme) {
        if (!scheme.equals(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException(uri + ": expected a " + scheme + ":// URL");
        }
        try {
            if (!InetAddress.getByName(uri.getHost()).isLoopbackAddress()) {
                throw new IllegalArgumentException(uri + ": the load tool targets loopback addresses only");
            }
        } catch (UnknownHostException e) {
            throw new IllegalArgumentException(uri + ": unknown host", e);
        }
        return uri;
    }

    private static String required(Map<String, String> given, String name) {
        String value = given.get(name);
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException("--" + name + " is needed");
        }
        return value;
    }

    private static int number(Map<String, String> given, String name, int fallback) {
        String value = given.get(name);
        try {
            return value == null ? fallback : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("--" + name + " must be a whole number, got '" + value + "'", e);
        }
    }
}
