package dev.pulse.edge.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentHashMap;

/**
 * When each inbox record reached a client of this load process: the {@code notification} frames by the
 * socket's user and the record's seq, which name one record of the inbox topic. Encoded as one text line
 * so the coordinator can join them with the producer's acknowledgements ({@link PipelineDriver}).
 */
final class NotificationArrivals {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Map<String, Long> micros = new ConcurrentHashMap<>();

    /** Notes {@code frame}'s arrival when it is a notification; other frames are ignored. */
    void frame(String user, String frame, long receivedMicros) {
        if (!"notification".equals(FrameStats.type(frame))) {
            return;
        }
        try {
            JsonNode seq = JSON.readTree(frame).path("seq");
            if (seq.canConvertToLong()) {
                micros.putIfAbsent(key(user, seq.asLong()), receivedMicros);
            }
        } catch (java.io.IOException e) {
            // Not JSON: the frame counts in FrameStats, it names no record.
        }
    }

    static String key(String user, long seq) {
        return user + ":" + seq;
    }

    String encode() {
        StringJoiner out = new StringJoiner(",");
        micros.forEach((key, at) -> out.add(key + "=" + at));
        return out.length() == 0 ? "-" : out.toString();
    }

    /** A child's {@link #encode()}d arrivals, by {@code user:seq}. */
    static Map<String, Long> decode(String encoded) {
        Map<String, Long> out = new HashMap<>();
        if (!encoded.strip().equals("-")) {
            for (String entry : encoded.strip().split(",")) {
                int eq = entry.lastIndexOf('=');
                out.put(entry.substring(0, eq), Long.parseLong(entry.substring(eq + 1)));
            }
        }
        return out;
    }
}
