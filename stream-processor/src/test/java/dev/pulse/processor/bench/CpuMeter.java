package dev.pulse.processor.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the CPU of a stage went. This JVM's Java threads are grouped by their full names (the streams
 * application's, the bench driver's, the broker's when it runs here); the JVM's own threads, which Java
 * cannot see, are read from {@code /proc} by their native names: JIT compiler, GC, RocksDB's background
 * threads. The broker's JVM, when it has its own, is split the same way into JIT and the rest.
 * Without {@code /proc} (not Linux) those columns stay 0 and their time shows up as "other".
 */
final class CpuMeter {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();
    private static final Path PROC = Path.of("/proc");
    private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux this runs on

    static {
        if (THREADS.isThreadCpuTimeSupported() && !THREADS.isThreadCpuTimeEnabled()) {
            THREADS.setThreadCpuTimeEnabled(true);
        }
    }

    private final BenchBroker broker;

    CpuMeter(BenchBroker broker) {
        this.broker = broker;
    }

    /** A point to measure from. */
    Mark mark() {
        long self = ProcessHandle.current().pid();
        return new Mark(System.nanoTime(), processCpu(), javaThreads(), nativeThreads(self),
                broker.childPid().map(CpuMeter::nativeThreads).orElse(Map.of()),
                broker.childCpuNanos());
    }

    /** CPU seconds per group between {@code from} and now. */
    Usage since(Mark from, String streamsApplicationId) {
        Mark to = mark();
        Map<String, Long> groups = new HashMap<>();
        long java = 0;
        for (Map.Entry<Long, ThreadCpu> e : to.javaThreads.entrySet()) {
            ThreadCpu before = from.javaThreads.get(e.getKey());
            long used = e.getValue().nanos - (before == null ? 0 : before.nanos);
            java += used;
            groups.merge(group(e.getValue().name, streamsApplicationId, broker.isChild()), used, Long::sum);
        }
        double jit = diff(from.nativeSelf, to.nativeSelf, "jit");
        double gc = diff(from.nativeSelf, to.nativeSelf, "gc");
        double rocksdb = diff(from.nativeSelf, to.nativeSelf, "rocksdb");
        double process = (to.processNanos - from.processNanos) / 1e9;
        double brokerSeconds;
        double brokerJit;
        if (broker.isChild()) {
            brokerSeconds = from.brokerNanos < 0 || to.brokerNanos < 0 ? 0 : (to.brokerNanos - from.brokerNanos) / 1e9;
            brokerJit = diff(from.nativeBroker, to.nativeBroker, "jit");
        } else {
            brokerSeconds = groups.getOrDefault("broker", 0L) / 1e9;
            brokerJit = 0;
        }
        double other = Math.max(0, process - java / 1e9 - jit - gc - rocksdb);
        return new Usage((to.wallNanos - from.wallNanos) / 1e9,
                groups.getOrDefault("streams", 0L) / 1e9, rocksdb, jit, gc,
                groups.getOrDefault("driver", 0L) / 1e9, other, brokerSeconds, brokerJit);
    }

    private static double diff(Map<String, Long> from, Map<String, Long> to, String key) {
        return Math.max(0, to.getOrDefault(key, 0L) - from.getOrDefault(key, 0L)) / TICKS_PER_SECOND;
    }

    private static String group(String name, String streamsApplicationId, boolean brokerIsChild) {
        if (streamsApplicationId != null && name.contains(streamsApplicationId)) {
            return "streams";
        }
        if (name.contains("driver") || name.equals("main")) {
            return "driver";
        }
        return brokerIsChild ? "driver" : "broker";
    }

    private static long processCpu() {
        if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getProcessCpuTime();
        }
        return 0;
    }

    private static Map<Long, ThreadCpu> javaThreads() {
        Map<Long, ThreadCpu> result = new HashMap<>();
        long[] ids = THREADS.getAllThreadIds();
        ThreadInfo[] infos = THREADS.getThreadInfo(ids);
        for (int i = 0; i < ids.length; i++) {
            long nanos = THREADS.getThreadCpuTime(ids[i]);
            if (infos[i] != null && nanos >= 0) {
                result.put(ids[i], new ThreadCpu(infos[i].getThreadName(), nanos));
            }
        }
        return result;
    }

    /** Clock ticks of a process's JVM-internal and native threads, by kind, from /proc/pid/task/tid/stat. */
    private static Map<String, Long> nativeThreads(long pid) {
        Map<String, Long> ticks = new HashMap<>();
        Path tasks = PROC.resolve(Long.toString(pid)).resolve("task");
        if (!Files.isDirectory(tasks)) {
            return ticks;
        }
        try (DirectoryStream<Path> dir = Files.newDirectoryStream(tasks)) {
            for (Path task : dir) {
                String stat;
                try {
                    stat = Files.readString(task.resolve("stat"), StandardCharsets.UTF_8);
                } catch (IOException e) {
                    continue; // the thread ended meanwhile
                }
                int open = stat.indexOf('(');
                int close = stat.lastIndexOf(')');
                if (open < 0 || close < open) {
                    continue;
                }
                String name = stat.substring(open + 1, close);
                String kind = name.startsWith("C1 CompilerThre") || name.startsWith("C2 CompilerThre") ? "jit"
                        : name.startsWith("GC Thread") || name.startsWith("G1 ") ? "gc"
                        : name.startsWith("rocksdb") ? "rocksdb" : null;
                if (kind == null) {
                    continue;
                }
                String[] fields = stat.substring(close + 2).split(" ");
                ticks.merge(kind, Long.parseLong(fields[11]) + Long.parseLong(fields[12]), Long::sum);
            }
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
        return ticks;
    }

    private record ThreadCpu(String name, long nanos) {
    }

    record Mark(long wallNanos, long processNanos, Map<Long, ThreadCpu> javaThreads, Map<String, Long> nativeSelf,
                Map<String, Long> nativeBroker, long brokerNanos) {
    }

    /**
     * CPU seconds of one stage.
     *
     * @param streams   the streams application's Java threads: stream threads, state updater, its clients' I/O threads
     * @param rocksdb   RocksDB's background threads (flush, compaction); reads and writes run on the stream threads
     * @param jit       this JVM's JIT compiler threads
     * @param gc        this JVM's GC threads
     * @param driver    the bench's own threads and clients (loaders, pipe, probes, latency producer and consumer)
     * @param other     the rest of this JVM: VM threads, threads that ended during the stage
     * @param broker    the broker: its whole JVM, or its threads when it runs in this one
     * @param brokerJit of which the broker JVM's JIT compiler threads
     */
    record Usage(double wallSeconds, double streams, double rocksdb, double jit, double gc, double driver,
                 double other, double broker, double brokerJit) {

        double total() {
            return streams + rocksdb + jit + gc + driver + other + broker;
        }
    }
}
