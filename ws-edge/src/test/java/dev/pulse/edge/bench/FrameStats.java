package dev.pulse.edge.bench;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.BiConsumer;

/**
 * What the sockets of one load process received: frames by their JSON {@code type}, closes by code, and for
 * the timed frames (those that carry a send time) their latency and when the first and last of them came. Encoded as one text
 * line so the coordinating process can add up its children.
 */
final class FrameStats {

    private final String latencyField;
    private final Map<String, LongAdder> frames = new ConcurrentHashMap<>();
    private final Map<Integer, LongAdder> closes = new ConcurrentHashMap<>();
    private final LatencyHistogram latency = new LatencyHistogram();
    private volatile long firstMicros = Long.MAX_VALUE;
    private volatile long lastMicros;

    /** @param latencyField the field holding the send time: epoch microseconds, or an ISO-8601 instant */
    FrameStats(String latencyField) {
        this.latencyField = "\"" + latencyField + "\":";
    }

    void frame(CharSequence text, long receivedMicros) {
        String frame = text.toString();
        frames.computeIfAbsent(type(frame), t -> new LongAdder()).increment();
        long sent = sentMicros(frame);
        if (sent > 0) {
            latency.record(receivedMicros - sent);
            synchronized (this) {
                firstMicros = Math.min(firstMicros, receivedMicros);
                lastMicros = Math.max(lastMicros, receivedMicros);
            }
        }
    }

    void closed(int code) {
        closes.computeIfAbsent(code, c -> new LongAdder()).increment();
    }

    static String type(String frame) {
        int at = frame.indexOf("\"type\":\"");
        if (at < 0) {
            return "untyped";
        }
        int start = at + 8;
        int end = frame.indexOf('"', start);
        return end < 0 || end - start > 40 ? "untyped" : frame.substring(start, end).replaceAll("[^A-Za-z0-9_.-]", "_");
    }

    /** The send time of {@code frame} in epoch microseconds, or 0 when it has none. */
    long sentMicros(String frame) {
        int at = frame.indexOf(latencyField);
        if (at < 0) {
            return 0;
        }
        int start = at + latencyField.length();
        if (start < frame.length() && frame.charAt(start) == '"') {
            int end = frame.indexOf('"', start + 1);
            try {
                Instant sent = Instant.parse(frame.substring(start + 1, end));
                return sent.getEpochSecond() * 1_000_000 + sent.getNano() / 1_000;
            } catch (DateTimeParseException | StringIndexOutOfBoundsException e) {
                return 0;
            }
        }
        int end = start;
        while (end < frame.length() && Character.isDigit(frame.charAt(end))) {
            end++;
        }
        return end == start ? 0 : Long.parseLong(frame, start, end, 10);
    }

    long frames() {
        return frames.values().stream().mapToLong(LongAdder::sum).sum();
    }

    Map<String, Long> framesByType() {
        Map<String, Long> out = new TreeMap<>();
        frames.forEach((type, n) -> out.put(type, n.sum()));
        return out;
    }

    Map<Integer, Long> closesByCode() {
        Map<Integer, Long> out = new TreeMap<>();
        closes.forEach((code, n) -> out.put(code, n.sum()));
        return out;
    }

    LatencyHistogram latency() {
        return latency;
    }

    /** Seconds from the first timed frame to the last (0 with fewer than two). */
    double spanSeconds() {
        return lastMicros > firstMicros ? (lastMicros - firstMicros) / 1e6 : 0;
    }

    String encode() {
        return "frames=" + join(framesByType()) + " closes=" + join(closesByCode()) + " first=" + firstMicros
                + " last=" + lastMicros + " latency=" + latency.encode();
    }

    /** Adds a child's {@link #encode()}d statistics. */
    void merge(String encoded) {
        for (String part : encoded.strip().split(" ")) {
            int eq = part.indexOf('=');
            String key = part.substring(0, eq);
            String value = part.substring(eq + 1);
            switch (key) {
                case "frames" -> pairs(value, (k, n) -> frames.computeIfAbsent(k, t -> new LongAdder()).add(n));
                case "closes" -> pairs(value, (k, n) -> closes.computeIfAbsent(Integer.parseInt(k), c -> new LongAdder()).add(n));
                case "first" -> firstMicros = Math.min(firstMicros, Long.parseLong(value));
                case "last" -> lastMicros = Math.max(lastMicros, Long.parseLong(value));
                case "latency" -> latency.merge(value);
                default -> throw new IllegalArgumentException("unknown statistic " + key);
            }
        }
    }

    private static String join(Map<?, Long> counts) {
        StringJoiner out = new StringJoiner(",");
        counts.forEach((k, n) -> out.add(k + ":" + n));
        return out.toString();
    }

    private static void pairs(String value, BiConsumer<String, Long> add) {
        if (value.isEmpty()) {
            return;
        }
        for (String pair : value.split(",")) {
            int colon = pair.lastIndexOf(':');
            add.accept(pair.substring(0, colon), Long.parseLong(pair.substring(colon + 1)));
        }
    }
}
