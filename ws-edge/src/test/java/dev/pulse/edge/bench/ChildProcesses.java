package dev.pulse.edge.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The load tool's client JVMs: started with this JVM's java and classpath, each told the same options and
 * its index; a command goes to all of them and one answer line comes back from each. Their stderr is this
 * process's.
 */
final class ChildProcesses implements AutoCloseable {

    private final List<Process> processes = new ArrayList<>();
    private final List<BufferedReader> answers = new ArrayList<>();
    private final List<PrintStream> commands = new ArrayList<>();

    ChildProcesses(LoadOptions options) throws IOException {
        String java = ProcessHandle.current().info().command().orElse("java");
        for (int i = 0; i < options.processes(); i++) {
            List<String> command = new ArrayList<>(List.of(java, "-Xms" + options.childHeap(), "-Xmx" + options.childHeap(),
                    collector(), "-cp", System.getProperty("java.class.path"), EdgeLoad.class.getName()));
            command.addAll(options.childArgs(i));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            processes.add(process);
            answers.add(new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)));
            commands.add(new PrintStream(process.getOutputStream(), true, StandardCharsets.UTF_8));
        }
        ask(null);
    }

    /** The collector this process was started with ({@code -XX:+UseZGC}, ...), for the children too; G1 if none. */
    private static String collector() {
        return ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
                .filter(argument -> argument.matches("-XX:\\+Use\\w+GC"))
                .reduce((first, last) -> last)
                .orElse("-XX:+UseG1GC");
    }

    /** Sends {@code command} (none: only reads) to every child and returns their answers, in child order. */
    List<String> ask(String command) throws IOException {
        if (command != null) {
            commands.forEach(c -> c.println(command));
        }
        List<String> lines = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            String line = answers.get(i).readLine();
            if (line == null) {
                throw new IOException("load process " + i + " ended (its stderr says why)");
            }
            lines.add(line);
        }
        return lines;
    }

    @Override
    public void close() {
        commands.forEach(c -> c.println("exit"));
        for (Process process : processes) {
            try {
                if (!process.waitFor(30, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                process.destroyForcibly();
            }
        }
    }

    /** Ends every child at once: the run's time limit passed. */
    void kill() {
        processes.forEach(Process::destroyForcibly);
    }
}
