package dev.pulse.rebuild;

import dev.pulse.processor.ProcessorSettings;
import dev.pulse.schemas.kafka.Topics;
import java.nio.file.Path;
import java.util.regex.Pattern;

/**
 * Parsed command line of the rebuild command.
 *
 * @param stateDir a local state directory to wipe the application's folder in, or null
 */
record RebuildArguments(String bootstrapServers, String applicationId, String topicPrefix, Path commandConfig,
                        Path stateDir, boolean dryRun, boolean help) {

    static final String USAGE = """
            usage: rebuild-processor --bootstrap-servers host:port [options]
            Rebuilds the stream processor's state from the log with Kafka's application reset tool: its input
            topics restart from the earliest offset and its internal topics (changelogs, repartition topics)
            are deleted. Output topics are kept. Stop every instance first.
              --bootstrap-servers host:port  the cluster (required)
              --application-id id            the processor's application id (default: <topic prefix>pulse-processor)
              --topic-prefix p               the topic prefix the processor runs under (default: none)
              --command-config file          client properties (security settings) for the Admin client and consumer
              --state-dir dir                also wipe this host's local state: <dir>/<application id>, nothing else
              --dry-run                      print what would be done; change nothing
              --help                         this text
            exit status: 0 done, 2 refused (an instance still runs, an input topic is missing), 1 error""";

    /** What Kafka accepts in a topic name, which the application id prefixes; it also names a folder. */
    private static final Pattern APPLICATION_ID = Pattern.compile("[a-zA-Z0-9._-]+");

    static RebuildArguments parse(String[] args) {
        Builder builder = new Builder();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> builder.help = true;
                case "--dry-run" -> builder.dryRun = true;
                case "--bootstrap-servers" -> builder.bootstrap = value(args, ++i, arg);
                case "--application-id" -> builder.applicationId = value(args, ++i, arg);
                case "--topic-prefix" -> builder.prefix = value(args, ++i, arg);
                case "--command-config" -> builder.commandConfig = Path.of(value(args, ++i, arg));
                case "--state-dir" -> builder.stateDir = Path.of(value(args, ++i, arg));
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        return builder.build();
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }

    private static final class Builder {
        private String bootstrap;
        private String applicationId;
        private String prefix = "";
        private Path commandConfig;
        private Path stateDir;
        private boolean dryRun;
        private boolean help;

        RebuildArguments build() {
            if (help) {
                return new RebuildArguments(null, null, prefix, null, null, false, true);
            }
            if (bootstrap == null || bootstrap.isBlank()) {
                throw new IllegalArgumentException("--bootstrap-servers is required");
            }
            try {
                Topics.withPrefix(prefix);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("--topic-prefix: " + e.getMessage(), e);
            }
            String id = applicationId == null ? ProcessorSettings.defaultApplicationId(prefix) : applicationId;
            requireApplicationId(id);
            return new RebuildArguments(bootstrap, id, prefix, commandConfig, stateDir, dryRun, false);
        }

        private static void requireApplicationId(String id) {
            if (!APPLICATION_ID.matcher(id).matches() || id.equals(".") || id.equals("..")) {
                throw new IllegalArgumentException("--application-id must be letters, digits, '.', '_' or '-' "
                        + "(it prefixes topic names and names a folder), was '" + id + "'");
            }
        }
    }
}
