package dev.pulse.topics;

import java.util.ArrayList;
import java.util.List;

/** What one run of the topic tool found and did. */
public record TopicReport(List<String> created, List<String> matching, List<TopicDrift> drifts, boolean dryRun) {

    public TopicReport {
        created = List.copyOf(created);
        matching = List.copyOf(matching);
        drifts = List.copyOf(drifts);
    }

    public boolean hasDrift() {
        return !drifts.isEmpty();
    }

    public boolean noChanges() {
        return created.isEmpty() && drifts.isEmpty();
    }

    /** Human-readable lines, one per topic, then a summary line. */
    public List<String> lines() {
        List<String> lines = new ArrayList<>();
        String createdVerb = dryRun ? "would create " : "created      ";
        created.forEach(name -> lines.add(createdVerb + name));
        matching.forEach(name -> lines.add("ok           " + name));
        drifts.forEach(drift -> lines.add("DRIFT        " + drift));
        if (noChanges()) {
            lines.add("No changes: all " + matching.size() + " topics match the catalogue.");
        } else {
            long drifted = drifts.stream().map(TopicDrift::topic).distinct().count();
            lines.add((dryRun ? "Would create " : "Created ") + created.size() + " topic(s); " + matching.size()
                    + " match; " + drifted + " differ from the catalogue.");
        }
        if (hasDrift()) {
            lines.add("Drifted topics are left as they are: changing partitions remaps keys and changing cleanup"
                    + " can lose data, so fix them by hand (or recreate them) after deciding what the data needs.");
        }
        return lines;
    }
}
