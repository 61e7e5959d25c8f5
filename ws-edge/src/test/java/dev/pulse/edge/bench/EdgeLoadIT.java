package dev.pulse.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.helidon.webserver.WebServer;
import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The load tool against a real bare Helidon /ws on loopback, with real client processes. */
class EdgeLoadIT {

    private WebServer server;
    private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

    @BeforeEach
    void startServer() {
        server = new BareWsServer(false, false).start(0);
    }

    @AfterEach
    void stopServer() {
        server.stop();
    }

    @Test
    void shouldDeliverEveryBroadcastFrameToEverySocketOfEveryProcess() throws Exception {
        int status = run("ws://127.0.0.1:" + server.port() + "/ws", "--connections=40", "--processes=2", "--sources=2", "--rate=200", "--hold=2",
                "--trigger=http://127.0.0.1:" + server.port() + "/broadcast?frames=5");

        Map<String, String> result = result();
        assertThat(status).isZero();
        assertThat(result).containsEntry("open", "40").containsEntry("failed@40", "0")
                .containsEntry("timed_frames", "200");
    }

    @Test
    void shouldMeasureTheHeapPerSocketOfTheTargetJvm() throws Exception {
        Process target = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-Xmx256m",
                "-cp", System.getProperty("java.class.path"), BareWsServer.class.getName(), "0")
                .redirectError(ProcessBuilder.Redirect.INHERIT).start();
        int status;
        try (BufferedReader lines = new BufferedReader(new InputStreamReader(target.getInputStream(), StandardCharsets.UTF_8))) {
            String port = lines.readLine().substring("port ".length());
            status = run("ws://127.0.0.1:" + port + "/ws", "--steps=20,100", "--processes=1",
                    "--heap-pid=" + target.pid());
        } finally {
            target.destroyForcibly();
        }

        assertThat(status).isZero();
        assertThat(Double.parseDouble(result().get("heap_per_socket"))).isPositive();
        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("what grew, per socket");
    }

    private int run(String url, String... options) throws Exception {
        String[] args = new String[options.length + 4];
        args[0] = "--url=" + url;
        args[1] = "--child-heap=128m";
        args[2] = "--timeout=120";
        args[3] = "--label=it";
        System.arraycopy(options, 0, args, 4, options.length);
        return new LoadCoordinator(LoadOptions.parse(args), new PrintStream(printed, true, StandardCharsets.UTF_8)).run();
    }

    private Map<String, String> result() {
        String last = printed.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("RESULT "))
                .reduce((a, b) -> b).orElseThrow();
        return Arrays.stream(last.substring(7).split(" ")).map(p -> p.split("=", 2))
                .collect(Collectors.toMap(p -> p[0], p -> p[1]));
    }
}
