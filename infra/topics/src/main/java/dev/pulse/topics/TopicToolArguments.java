package dev.pulse.topics;

import dev.pulse.schemas.kafka.Topics;
import java.nio.file.Path;

/** Parsed command line of the topic tool. */
record TopicToolArguments(String bootstrapServers, String prefix, short replicationFactor, Path commandConfig,
                          boolean dryRun, boolean help) {

    static final String USAGE = """
            usage: topics --bootstrap-servers host:port [options]
              --bootstrap-servers host:port  the cluster to declare the topics on (required)
              --prefix p                     prefix every topic name with p (default: none)
              --replication-factor n         replicas of created topics (default: min(3, brokers))
              --command-config file          client properties (security settings) for the Admin client
              --dry-run                      report what would be created; change nothing
              --help                         this text
            exit status: 0 all topics match the catalogue, 2 some topics drifted, 1 error""";

    static TopicToolArguments parse(String[] args) {
        String bootstrap = null;
        String prefix = "";
        short replicationFactor = 0;
        Path commandConfig = null;
        boolean dryRun = false;
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            switch (arg) {
                case "--help", "-h" -> {
                    return new TopicToolArguments(null, prefix, replicationFactor, null, false, true);
                }
                case "--dry-run" -> dryRun = true;
                case "--bootstrap-servers" -> bootstrap = value(args, ++i, arg);
                case "--prefix" -> prefix = value(args, ++i, arg);
                case "--command-config" -> commandConfig = Path.of(value(args, ++i, arg));
                case "--replication-factor" -> {
                    String value = value(args, ++i, arg);
                    try {
                        replicationFactor = Short.parseShort(value);
                    } catch (NumberFormatException e) {
                        throw new IllegalArgumentException("--replication-factor needs a number, got '" + value + "'");
                    }
                    if (replicationFactor < 1) {
                        throw new IllegalArgumentException("--replication-factor must be at least 1");
                    }
                }
                default -> throw new IllegalArgumentException("unknown argument '" + arg + "'");
            }
        }
        if (bootstrap == null || bootstrap.isBlank()) {
            throw new IllegalArgumentException("--bootstrap-servers is required");
        }
        try {
            Topics.withPrefix(prefix);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--prefix: " + e.getMessage(), e);
        }
        return new TopicToolArguments(bootstrap, prefix, replicationFactor, commandConfig, dryRun, false);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--")) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
