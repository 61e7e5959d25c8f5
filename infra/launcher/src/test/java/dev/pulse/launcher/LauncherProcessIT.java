package dev.pulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher as a user runs it: its own JVM, stopped by a signal. */
class LauncherProcessIT {

    private static final Pattern READY = Pattern.compile("ready +(\\S+) +http://localhost:(\\d+)");

    @Test
    void shouldStopEverythingCleanlyOnSigterm(@TempDir Path dataDir) throws Exception {
        Path out = dataDir.resolve("out.txt");
        Path err = dataDir.resolve("err.txt");
        Process process = launch(dataDir, out, err);
        try {
            await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains("Ctrl-C stops everything")
                    || !process.isAlive());
            List<Integer> ports = readyPorts(Files.readString(out));
            assertThat(ports).as(Files.readString(err)).hasSize(3);
            HttpClient http = HttpClient.newHttpClient();
            for (int port : ports) {
                HttpResponse<String> health = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/health")).build(), HttpResponse.BodyHandlers.ofString());
                assertThat(health.statusCode()).isEqualTo(200);
            }

            process.destroy();

            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            assertThat(Files.readString(err)).contains("Pulse stopped cleanly").contains("Embedded Kafka at");
        } finally {
            process.destroyForcibly();
        }
    }

    @Test
    void shouldExplainAnUnknownArgument(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("out.txt");
        Path err = dir.resolve("err.txt");
        Process process = launch(dir, out, err, "--bogus");

        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(process.exitValue()).isEqualTo(1);
        assertThat(Files.readString(err)).contains("unknown argument '--bogus'").contains("usage: pulse start");
    }

    private static Process launch(Path dataDir, Path out, Path err, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"),
                "-Dkafka.port=0", "-Dkafka.controller.port=0",
                "-Dprocessor.server.port=0", "-Dedge.server.port=0", "-Dingest.server.port=0",
                "-Dlauncher.data.dir=" + dataDir,
                Launcher.class.getName()));
        command.addAll(List.of(args));
        return new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile()).start();
    }

    private static List<Integer> readyPorts(String output) {
        List<Integer> ports = new ArrayList<>();
        Matcher matcher = READY.matcher(output);
        while (matcher.find()) {
            ports.add(Integer.parseInt(matcher.group(2)));
        }
        return ports;
    }
}
