package dev.pulse.launcher;

import java.util.Optional;

/** The launcher's command line: {@code [--bootstrap-servers host:port] [--data-dir dir] [--help]}. */
record LauncherArguments(Optional<String> bootstrapServers, Optional<String> dataDir, boolean help) {

    static final String USAGE = """
            usage: pulse start [--bootstrap-servers host:port] [--data-dir dir]
              (no options)                  embedded Kafka broker, topics and every service on this machine
              --bootstrap-servers host:port use this Kafka cluster instead of the embedded broker
              --data-dir dir                where the embedded broker and the dev JWT key live (default .pulse-data)
            Ports and other settings: -Dkafka.port=9092 -Dprocessor.server.port=8081 -Dedge.server.port=8082
            -Dingest.server.port=8083, or as environment variables: KAFKA_PORT, EDGE_SERVER_PORT, ...""";

    static LauncherArguments parse(String[] args) {
        Optional<String> bootstrap = Optional.empty();
        Optional<String> dataDir = Optional.empty();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--help", "-h" -> {
                    return new LauncherArguments(Optional.empty(), Optional.empty(), true);
                }
                case "--bootstrap-servers" -> bootstrap = Optional.of(value(args, ++i, "--bootstrap-servers"));
                case "--data-dir" -> dataDir = Optional.of(value(args, ++i, "--data-dir"));
                default -> throw new IllegalArgumentException("unknown argument '" + args[i] + "'");
            }
        }
        return new LauncherArguments(bootstrap, dataDir, false);
    }

    private static String value(String[] args, int index, String option) {
        if (index >= args.length || args[index].startsWith("--") || args[index].isBlank()) {
            throw new IllegalArgumentException(option + " needs a value");
        }
        return args[index];
    }
}
