package dev.pulse.edge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One client process of the load tool, driven by its coordinator over stdin/stdout, one line each way:
 * {@code open FROM TO} answers {@code opened OK FAILED MILLIS CONNECT_HISTOGRAM FIRST_FAILURE};
 * {@code stats} answers {@code stats OPEN_SOCKETS ENCODED_FRAME_STATS}; {@code arrivals} answers
 * {@code arrivals ENCODED_NOTIFICATION_ARRIVALS}; {@code exit} closes every socket.
 * It also ends when its coordinator goes away (stdin closes).
 */
final class LoadChild {

    private final LoadOptions options;
    private final PrintStream out;

    LoadChild(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    void run() throws IOException {
        FrameStats stats = new FrameStats(options.latencyField());
        NotificationArrivals arrivals = new NotificationArrivals();
        try (LoadClients clients = new LoadClients(options, stats, arrivals);
             BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8))) {
            answer("ready");
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                String[] command = line.strip().split(" ");
                switch (command[0]) {
                    case "open" -> {
                        LoadClients.Opened opened = clients.open(Integer.parseInt(command[1]), Integer.parseInt(command[2]));
                        String failure = opened.firstFailure().isEmpty() ? "-" : opened.firstFailure();
                        answer("opened " + opened.ok() + " " + opened.failed() + " " + opened.millis() + " "
                                + nonEmpty(opened.connectMicros().encode()) + " " + failure);
                    }
                    case "stats" -> answer("stats " + clients.openSockets() + " " + stats.encode());
                    case "arrivals" -> answer("arrivals " + arrivals.encode());
                    case "exit" -> {
                        return;
                    }
                    default -> answer("error unknown command " + command[0]);
                }
            }
        }
    }

    private static String nonEmpty(String encoded) {
        return encoded.isEmpty() ? "-" : encoded;
    }

    private void answer(String line) {
        out.println(line);
        out.flush();
    }
}
