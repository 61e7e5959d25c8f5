package dev.pulse.edge.bench;

import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A JVM's live objects by class, as {@code jcmd <pid> GC.class_histogram} prints them, and what grew between
 * two of them: which classes the extra sockets of a step are made of.
 */
record ClassHistogram(Map<String, Entry> classes, long totalBytes) {

    /** Instances and shallow bytes of one class. */
    record Entry(long instances, long bytes) {
    }

    /** What one class added between two histograms. */
    record Growth(String className, long instances, long bytes) {
    }

    private static final Pattern ROW = Pattern.compile("^\\s*\\d+:\\s+(\\d+)\\s+(\\d+)\\s+(\\S+)");
    private static final Pattern TOTAL = Pattern.compile("^Total\\s+(\\d+)\\s+(\\d+)");

    static ClassHistogram parse(String text) {
        Map<String, Entry> classes = new HashMap<>();
        long total = 0;
        for (String line : text.split("\n")) {
            Matcher row = ROW.matcher(line);
            if (row.find()) {
                classes.merge(row.group(3), new Entry(Long.parseLong(row.group(1)), Long.parseLong(row.group(2))),
                        (a, b) -> new Entry(a.instances + b.instances, a.bytes + b.bytes));
                continue;
            }
            Matcher sum = TOTAL.matcher(line.strip());
            if (sum.find()) {
                total = Long.parseLong(sum.group(2));
            }
        }
        return new ClassHistogram(Map.copyOf(classes), total);
    }

    /** The {@code top} classes that grew most in bytes from {@code before} to this histogram. */
    List<Growth> grownSince(ClassHistogram before, int top) {
        return classes.entrySet().stream()
                .map(e -> {
                    Entry was = before.classes.getOrDefault(e.getKey(), new Entry(0, 0));
                    return new Growth(e.getKey(), e.getValue().instances - was.instances, e.getValue().bytes - was.bytes);
                })
                .sorted(Comparator.comparingLong(Growth::bytes).reversed())
                .limit(top)
                .toList();
    }
}
