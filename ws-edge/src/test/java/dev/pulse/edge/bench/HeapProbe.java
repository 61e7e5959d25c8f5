package dev.pulse.edge.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads another local JVM's heap with the JDK's {@code jcmd}: a full GC, then the used heap
 * ({@code GC.heap_info}) and the live objects by class ({@code GC.class_histogram}).
 */
final class HeapProbe {

    /** The heap after a full GC: used bytes as the collector reports them, and the live objects by class. */
    record Snapshot(long usedBytes, ClassHistogram histogram) {
    }

    private static final int JCMD_TIMEOUT_SECONDS = 120;
    private static final Pattern USED = Pattern.compile("used (\\d+)K");

    private final long pid;
    private final String jcmd;

    HeapProbe(long pid) {
        this.pid = pid;
        String java = ProcessHandle.current().info().command().orElse("java");
        this.jcmd = Path.of(java).resolveSibling("jcmd").toString();
    }

    Snapshot measure() {
        jcmd("GC.run");
        String info = jcmd("GC.heap_info");
        Matcher used = USED.matcher(info);
        if (!used.find()) {
            throw new IllegalStateException("no used heap in jcmd GC.heap_info of " + pid + ":\n" + info);
        }
        return new Snapshot(Long.parseLong(used.group(1)) * 1024, ClassHistogram.parse(jcmd("GC.class_histogram")));
    }

    private String jcmd(String command) {
        try {
            Path output = Files.createTempFile("jcmd-", ".txt");
            try {
                Process process = new ProcessBuilder(List.of(jcmd, Long.toString(pid), command))
                        .redirectErrorStream(true).redirectOutput(output.toFile()).start();
                if (!process.waitFor(JCMD_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                    throw new IllegalStateException("jcmd " + pid + " " + command + " did not answer in "
                            + JCMD_TIMEOUT_SECONDS + " s");
                }
                String out = Files.readString(output, StandardCharsets.UTF_8);
                if (process.exitValue() != 0) {
                    throw new IllegalStateException("jcmd " + pid + " " + command + " failed:\n" + out);
                }
                return out;
            } finally {
                Files.deleteIfExists(output);
            }
        } catch (IOException e) {
            throw new IllegalStateException("cannot run " + jcmd, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running jcmd", e);
        }
    }
}
