package dev.pulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resume rule of docs/ARCHITECTURE.md, checked against the topic: the inbox frames a client received
 * come in strictly increasing seq, each a seq of the topic; a seq of the topic after where the client
 * started that it did not receive is counted in a gap frame, or superseded: every notification its record
 * touched is named by a frame received with a higher seq.
 */
final class ResumeRule {

    private ResumeRule() {
    }

    static List<String> violations(List<InboxRecord> topic, List<JsonNode> frames, long startedAfter) {
        List<String> violations = new ArrayList<>();
        Map<Long, InboxRecord> bySeq = new TreeMap<>();
        topic.forEach(record -> bySeq.put(record.getSeq(), record));
        long previous = startedAfter;
        Map<Long, Set<String>> namedBySeq = new TreeMap<>();
        List<long[]> gaps = new ArrayList<>();
        for (JsonNode frame : frames) {
            if ("gap".equals(frame.path("type").asText())) {
                gaps.add(new long[] {frame.get("fromSeq").asLong(), frame.get("toSeq").asLong()});
            }
            if (!frame.has("seq") || !frame.has("epoch")) {
                continue;
            }
            long seq = frame.get("seq").asLong();
            if (seq <= previous) {
                violations.add("seq " + seq + " after " + previous + ": twice or out of order");
            }
            if (!bySeq.containsKey(seq)) {
                violations.add("seq " + seq + " is not on the topic");
            }
            previous = Math.max(previous, seq);
            namedBySeq.put(seq, named(frame));
        }
        for (InboxRecord record : bySeq.values()) {
            long seq = record.getSeq();
            if (seq <= startedAfter || namedBySeq.containsKey(seq) || inGap(gaps, seq)) {
                continue;
            }
            Set<String> later = new HashSet<>();
            namedBySeq.forEach((s, ids) -> {
                if (s > seq) {
                    later.addAll(ids);
                }
            });
            if (!later.containsAll(touched(record))) {
                violations.add("seq " + seq + " missing: neither superseded nor in a gap");
            }
        }
        return violations;
    }

    private static boolean inGap(List<long[]> gaps, long seq) {
        return gaps.stream().anyMatch(gap -> seq >= gap[0] && seq <= gap[1]);
    }

    private static Set<String> named(JsonNode frame) {
        Set<String> ids = new HashSet<>();
        if (frame.has("notification")) {
            ids.add(frame.get("notification").get("notificationId").asText());
        }
        frame.path("states").forEach(state -> ids.add(state.get("notificationId").asText()));
        frame.path("withdrawn").forEach(w -> ids.add(w.get("notificationId").asText()));
        frame.path("dropped").forEach(id -> ids.add(id.asText()));
        return ids;
    }

    private static Set<String> touched(InboxRecord record) {
        Set<String> ids = new HashSet<>();
        switch (record.getChange()) {
            case NotificationIssued issued -> ids.add(issued.getNotification().getNotificationId());
            case StatesChanged changed -> changed.getStates().stream().map(NotificationState::getNotificationId)
                    .forEach(ids::add);
            case NotificationWithdrawn withdrawn -> ids.add(withdrawn.getNotificationId());
            default -> throw new IllegalArgumentException("unknown change " + record.getChange());
        }
        return ids;
    }
}
