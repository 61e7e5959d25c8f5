package dev.pulse.processor.bench;

import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/**
 * The embedded broker of a bench run: in its own JVM (the default, so its GC and CPU are apart from
 * the application's and can be counted), or in the bench's JVM. Either way a temporary data directory,
 * deleted on close.
 *
 * <p>The child JVM runs {@link #main}: it starts the broker, prints one line with its address, and
 * stops the broker when its standard input closes, so it never outlives the bench, even a killed one.
 */
final class BenchBroker implements AutoCloseable {

    private static final String READY = "BENCH-BROKER-READY ";

    private final EmbeddedKafkaBroker inProcess;
    private final Process child;
    private final Path childLog;
    private final String bootstrapServers;
    private final Duration startupTime;

    private BenchBroker(EmbeddedKafkaBroker inProcess, Process child, Path childLog, String bootstrapServers,
                        Duration startupTime) {
        this.inProcess = inProcess;
        this.child = child;
        this.childLog = childLog;
        this.bootstrapServers = bootstrapServers;
        this.startupTime = startupTime;
    }

    /** Child JVM entry point. */
    public static void main(String[] args) throws Exception {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host("127.0.0.1").start();
        Thread stopper = new Thread(broker::close, "broker-stopper");
        Runtime.getRuntime().addShutdownHook(stopper);
        System.out.println(READY + broker.bootstrapServers() + " " + broker.startupTime().toMillis());
        System.out.flush();
        InputStream in = System.in;
        while (in.read() >= 0) {
            // the parent writes nothing: EOF is the stop signal
        }
        Runtime.getRuntime().removeShutdownHook(stopper);
        broker.close();
        System.exit(0);
    }

    static BenchBroker inProcess() {
        EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().host("127.0.0.1").start();
        return new BenchBroker(broker, null, null, broker.bootstrapServers(), broker.startupTime());
    }

    static BenchBroker child(String heap, Duration timeout) throws IOException, InterruptedException {
        Path log = Files.createTempFile("pulse-bench-broker-", ".log");
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xms" + heap);
        command.add("-Xmx" + heap);
        // The bench's own module/unsafe/logging flags apply to the broker too; heap settings do not.
        for (String arg : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (arg.startsWith("--") || arg.startsWith("-Dlog4j2.") || arg.startsWith("-XX:+Use")) {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(BenchBroker.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (true) {
                Optional<String> ready = Files.readAllLines(log, StandardCharsets.UTF_8).stream()
                        .filter(line -> line.startsWith(READY)).findFirst();
                if (ready.isPresent()) {
                    String[] parts = ready.get().substring(READY.length()).strip().split(" ");
                    return new BenchBroker(null, process, log, parts[0], Duration.ofMillis(Long.parseLong(parts[1])));
                }
                if (!process.isAlive()) {
                    throw new IllegalStateException("The broker JVM exited with " + process.exitValue()
                            + "; its output:\n" + Files.readString(log));
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("The broker JVM was not ready within " + timeout.toSeconds()
                            + " s; its output:\n" + Files.readString(log));
                }
                TimeUnit.MILLISECONDS.sleep(50);
            }
        } catch (IOException | InterruptedException | RuntimeException e) {
            stop(process);
            Files.deleteIfExists(log);
            throw e;
        }
    }

    String bootstrapServers() {
        return bootstrapServers;
    }

    Duration startupTime() {
        return startupTime;
    }

    boolean isChild() {
        return child != null;
    }

    /** CPU time the broker's JVM has used so far, in nanoseconds; -1 when the broker shares the bench's JVM. */
    long childCpuNanos() {
        return child == null ? -1 : child.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
    }

    Optional<Long> childPid() {
        return child == null ? Optional.empty() : Optional.of(child.pid());
    }

    @Override
    public void close() throws IOException {
        if (inProcess != null) {
            inProcess.close();
            return;
        }
        stop(child);
        Files.deleteIfExists(childLog);
    }

    private static void stop(Process process) {
        try {
            process.getOutputStream().close();
            if (!process.waitFor(30, TimeUnit.SECONDS)) {
                process.destroy();
                if (!process.waitFor(10, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            }
        } catch (IOException e) {
            process.destroyForcibly();
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
