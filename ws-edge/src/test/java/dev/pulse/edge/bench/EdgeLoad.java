package dev.pulse.edge.bench;

import java.io.PrintStream;

/**
 * A WebSocket load tool for any {@code ws://} URL on this machine: opens many idle sockets, each with its own
 * HS256 token, over several client processes and source addresses (open files are capped per process),
 * and reports connect time and failures, frames received by type, frames/s and per-frame latency, and
 * optionally the heap per socket of the target JVM. Options: {@link LoadOptions#USAGE}; used by
 * {@code scripts/bench-edge.sh}.
 */
public final class EdgeLoad {

    private EdgeLoad() {
    }

    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        LoadOptions options;
        try {
            options = LoadOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println("error: " + e.getMessage());
            System.err.println(LoadOptions.USAGE);
            System.exit(2);
            return;
        }
        if (options.isChild()) {
            new LoadChild(options, out).run();
            System.exit(0);
        } else {
            int status = new LoadCoordinator(options, out).run();
            System.exit(status);
        }
    }
}
