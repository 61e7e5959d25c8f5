package dev.pulse.rebuild;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.kafka.tools.StreamsResetter;

/**
 * Kafka's own application reset tool ({@code kafka-streams-application-reset.sh}), called as a library
 * rather than re-implemented: it commits the earliest offsets of the input topics for the application's
 * group, deletes the application's internal topics, and refuses while the group has members.
 *
 * <p>The tool prints instead of returning what it did, so its standard output and error are captured
 * for the duration of the call (one call at a time) and handed back as lines. Kafka marks the class
 * unstable and outside its public API: it is pinned to the kafka-clients version, and
 * {@code RebuildProcessorIT} and {@code KafkaResetToolTest} catch a change in behaviour or wording.
 */
final class KafkaResetTool {

    private static final Object CONSOLE = new Object();
    private static final Pattern EXCEPTION_CLASS = Pattern.compile("^[\\w.$]+: ");
    private static final Pattern MEMBER_LIST = Pattern.compile("members: \\[.*\\]\\.");
    private static final Pattern MEMBER_ID = Pattern.compile("memberId=");
    private static final Pattern HOST = Pattern.compile("host=([^,]+)");
    private static final Pattern FORCE_HINT = Pattern.compile(" You can use option '--force'[^.]*\\.");

    private KafkaResetTool() {
    }

    /**
     * What the tool said and its exit status.
     *
     * @param output its standard output, line by line
     * @param errors its standard error, including stack traces
     */
    record Outcome(int exitStatus, List<String> output, List<String> errors) {

        boolean succeeded() {
            return exitStatus == 0;
        }

        /** The tool's error, one line, without the stack trace that follows it. */
        Optional<String> error() {
            return errors.stream().filter(line -> line.startsWith("ERROR: ")).findFirst()
                    .map(line -> line.substring("ERROR: ".length()));
        }

        /**
         * The tool's error in fewer words: the list of the group's members (each with every partition it
         * holds) becomes their count and hosts; the exception's class name and the hint at {@code --force},
         * which this command does not offer, go. A message worded otherwise is kept whole.
         */
        Optional<String> conciseError() {
            return error().map(e -> EXCEPTION_CLASS.matcher(e).replaceFirst(""))
                    .map(e -> MEMBER_LIST.matcher(e).replaceFirst(m -> Matcher.quoteReplacement(members(m.group()))))
                    .map(e -> FORCE_HINT.matcher(e).replaceFirst(""));
        }

        private static String members(String list) {
            long count = MEMBER_ID.matcher(list).results().count();
            String hosts = HOST.matcher(list).results().map(m -> m.group(1)).distinct().collect(Collectors.joining(", "));
            return "members: " + count + " (on " + hosts + ").";
        }

        /** True when the tool refused because the application's group still has members. */
        boolean refusedWhileActive() {
            return error().filter(e -> e.contains("is still active")).isPresent();
        }
    }

    /** Resets {@code inputTopics} to their earliest offsets and deletes the application's internal topics. */
    static Outcome reset(RebuildArguments args, List<String> inputTopics) {
        List<String> command = new ArrayList<>(List.of("--application-id", args.applicationId(),
                "--bootstrap-server", args.bootstrapServers(),
                "--input-topics", String.join(",", inputTopics), "--to-earliest"));
        if (args.commandConfig() != null) {
            command.addAll(List.of("--command-config", args.commandConfig().toString()));
        }
        if (args.dryRun()) {
            command.add("--dry-run");
        }
        return captured(command.toArray(String[]::new));
    }

    private static Outcome captured(String[] command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status;
        synchronized (CONSOLE) {
            PrintStream originalOut = System.out;
            PrintStream originalErr = System.err;
            try {
                System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
                System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
                status = new StreamsResetter().execute(command);
            } finally {
                System.setOut(originalOut);
                System.setErr(originalErr);
            }
        }
        return new Outcome(status, lines(out), lines(err));
    }

    private static List<String> lines(ByteArrayOutputStream bytes) {
        return bytes.toString(StandardCharsets.UTF_8).lines().filter(line -> !line.isBlank()).toList();
    }
}
