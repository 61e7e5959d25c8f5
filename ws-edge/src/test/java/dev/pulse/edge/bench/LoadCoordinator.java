package dev.pulse.edge.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Runs a load: starts the client processes, opens each step's sockets (keeping the earlier ones), measures
 * the target's heap after each step when asked, triggers the target once, holds, and reports. The last line
 * is {@code RESULT key=value ...} for scripts.
 */
final class LoadCoordinator {

    /** After the last message: how long its notifications may take to reach the clients. */
    private static final Duration MESSAGE_DRAIN = Duration.ofSeconds(5);

    private final LoadOptions options;
    private final PrintStream out;
    private final List<String> result = new ArrayList<>();

    LoadCoordinator(LoadOptions options, PrintStream out) {
        this.options = options;
        this.out = out;
    }

    /** @return the exit status: 0, or 1 when a socket failed to connect */
    int run() throws IOException, InterruptedException {
        result.add("label=" + options.label());
        try (ChildProcesses children = new ChildProcesses(options)) {
            // Past the time limit the children are ended: the answer awaited from them fails the run.
            Thread watchdog = Thread.ofPlatform().daemon().name("load-time-limit").start(() -> {
                try {
                    Thread.sleep(options.timeout());
                    out.println("time limit " + options.timeout() + " reached: stopping the load processes");
                    children.kill();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            int failed = steps(children);
            trigger();
            if (options.drive().isPresent()) {
                drive(children, options.drive().get());
            }
            if (!options.hold().isZero()) {
                Thread.sleep(options.hold());
            }
            frames(children);
            out.println("RESULT " + String.join(" ", result));
            watchdog.interrupt();
            return failed == 0 ? 0 : 1;
        }
    }

    private int steps(ChildProcesses children) throws IOException {
        Optional<HeapProbe> probe = options.heapPid().map(HeapProbe::new);
        List<Integer> counts = new ArrayList<>();
        List<HeapProbe.Snapshot> heaps = new ArrayList<>();
        int previous = 0;
        int failed = 0;
        for (int step : options.steps()) {
            failed += open(children, previous, step);
            int open = openSockets(children);
            counts.add(open);
            if (probe.isPresent()) {
                HeapProbe.Snapshot heap = probe.get().measure();
                heaps.add(heap);
                say("heap after GC with %,d sockets open: used %,d B, live objects %,d B", open, heap.usedBytes(),
                        heap.histogram().totalBytes());
            }
            previous = step;
        }
        if (heaps.size() >= 2) {
            perSocket(counts.getFirst(), counts.getLast(), heaps.getFirst(), heaps.getLast());
        }
        return failed;
    }

    private int open(ChildProcesses children, int from, int to) throws IOException {
        LatencyHistogram connect = new LatencyHistogram();
        int ok = 0;
        int failed = 0;
        long millis = 0;
        String failure = "-";
        for (String answer : children.ask("open " + from + " " + to)) {
            String[] parts = answer.split(" ");
            ok += Integer.parseInt(parts[1]);
            failed += Integer.parseInt(parts[2]);
            millis = Math.max(millis, Long.parseLong(parts[3]));
            connect.merge(parts[4].equals("-") ? "" : parts[4]);
            failure = failure.equals("-") ? parts[5] : failure;
        }
        say("step to %,d sockets: %,d ready, %,d failed in %.1f s (%.0f/s); connect-to-ready p50 %.1f ms, p99 %.1f ms%s",
                to, ok, failed, millis / 1e3, ok * 1e3 / Math.max(1, millis), connect.percentile(0.5) / 1e3,
                connect.percentile(0.99) / 1e3, failure.equals("-") ? "" : "; first failure: " + failure);
        result.add("connect_per_s@" + to + "=" + Math.round(ok * 1e3 / Math.max(1, millis)));
        result.add("failed@" + to + "=" + failed);
        return failed;
    }

    private int openSockets(ChildProcesses children) throws IOException {
        return children.ask("stats").stream().mapToInt(line -> Integer.parseInt(line.split(" ")[1])).sum();
    }

    private void perSocket(int fewer, int more, HeapProbe.Snapshot before, HeapProbe.Snapshot after) {
        int sockets = more - fewer;
        double used = (after.usedBytes() - before.usedBytes()) / (double) sockets;
        double live = (after.histogram().totalBytes() - before.histogram().totalBytes()) / (double) sockets;
        say("per socket (%,d -> %,d open): used heap %,.0f B, live objects %,.0f B", fewer, more, used, live);
        say("what grew, per socket (bytes, instances, class):");
        for (ClassHistogram.Growth grown : after.histogram().grownSince(before.histogram(), options.histogramTop())) {
            out.printf(Locale.ROOT, "    %9.1f  %6.2f  %s%n", grown.bytes() / (double) sockets,
                    grown.instances() / (double) sockets, grown.className());
        }
        if (options.growthFile().isPresent()) {
            writeGrowth(after.histogram().grownSince(before.histogram(), Integer.MAX_VALUE), sockets);
        }
        result.add("sockets=" + fewer + ".." + more);
        result.add(String.format(Locale.ROOT, "heap_per_socket=%.0f", used));
        result.add(String.format(Locale.ROOT, "live_per_socket=%.0f", live));
    }

    private void writeGrowth(List<ClassHistogram.Growth> grown, int sockets) {
        List<String> lines = grown.stream().map(g -> String.format(Locale.ROOT, "%.1f\t%.3f\t%s",
                g.bytes() / (double) sockets, g.instances() / (double) sockets, g.className())).toList();
        try {
            Files.write(options.growthFile().get(), lines);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void trigger() throws IOException, InterruptedException {
        if (options.trigger().isEmpty()) {
            return;
        }
        try (HttpClient http = HttpClient.newHttpClient()) {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(options.trigger().get())
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            say("trigger %s: %d %s", options.trigger().get(), response.statusCode(), response.body().strip());
        }
    }

    /** Events into the target's Kafka while the sockets listen: frames/s by type, and for messages the latency. */
    private void drive(ChildProcesses children, LoadOptions.Drive drive) throws IOException, InterruptedException {
        try (PipelineDriver driver = new PipelineDriver(drive, options.steps().getLast(), options.userPrefix())) {
            driver.start();
            say("driving %s at %,d events/s: %d s warm-up, then %d s counted", drive.kind(), drive.rate(),
                    drive.warmup().toSeconds(), drive.seconds().toSeconds());
            Thread.sleep(drive.warmup());
            Map<String, Long> before = received(children).framesByType();
            long from = LoadSocket.nowMicros();
            long sentBefore = driver.sent();
            Thread.sleep(drive.seconds());
            Map<String, Long> after = received(children).framesByType();
            long to = LoadSocket.nowMicros();
            long sentInWindow = driver.sent() - sentBefore;
            driver.stopSending();
            double seconds = (to - from) / 1e6;
            Map<String, Long> delta = new TreeMap<>();
            after.forEach((type, n) -> delta.put(type, n - before.getOrDefault(type, 0L)));
            long frames = delta.values().stream().mapToLong(Long::longValue).sum();
            say("over %.1f s: %,d events sent (%,.0f/s), %,d frames received = %,.0f frames/s; by type %s",
                    seconds, sentInWindow, sentInWindow / seconds, frames, frames / seconds, delta);
            result.add(String.format(Locale.ROOT, "drive_events_per_s=%.0f", sentInWindow / seconds));
            result.add(String.format(Locale.ROOT, "drive_frames_per_s=%.0f", frames / seconds));
            if (drive.kind().equals("messages")) {
                Thread.sleep(MESSAGE_DRAIN);
                latency(children, driver, from, to);
            }
            driver.requireNoFailure();
        }
    }

    /**
     * Joins the messages sent in the counted window with their inbox records and their frames: the processor's
     * ack-to-visible and the edge's ack-to-frame over the same events.
     */
    private void latency(ChildProcesses children, PipelineDriver driver, long from, long to) throws IOException {
        Map<String, Long> arrived = new HashMap<>();
        for (String line : children.ask("arrivals")) {
            arrived.putAll(NotificationArrivals.decode(line.substring(line.indexOf(' ') + 1)));
        }
        LatencyHistogram visible = new LatencyHistogram();
        LatencyHistogram frame = new LatencyHistogram();
        LatencyHistogram afterVisible = new LatencyHistogram();
        int missing = 0;
        for (Map.Entry<String, PipelineDriver.Visible> record : driver.visible().entrySet()) {
            PipelineDriver.Visible times = record.getValue();
            if (times.sentMicros() < from || times.sentMicros() > to || times.ackMicros() == 0) {
                continue;
            }
            visible.record(times.visibleMicros() - times.ackMicros());
            Long at = arrived.get(record.getKey());
            if (at == null) {
                missing++;
            } else {
                frame.record(at - times.ackMicros());
                afterVisible.record(at - times.visibleMicros());
            }
        }
        say("ack -> visible on the inbox topic (read_committed): %,d records, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
                visible.count(), visible.percentile(0.5) / 1e3, visible.percentile(0.99) / 1e3, visible.max() / 1e3);
        say("ack -> notification frame at the client: %,d frames, p50 %.1f ms, p99 %.1f ms, max %.1f ms;"
                        + " %,d records never reached a client", frame.count(), frame.percentile(0.5) / 1e3,
                frame.percentile(0.99) / 1e3, frame.max() / 1e3, missing);
        say("visible -> notification frame, per record (what the edge and the client add; 0 when the frame came"
                        + " first): p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms", afterVisible.percentile(0.5) / 1e3,
                afterVisible.percentile(0.9) / 1e3, afterVisible.percentile(0.99) / 1e3, afterVisible.max() / 1e3);
        result.add(String.format(Locale.ROOT, "visible_p50_ms=%.1f visible_p99_ms=%.1f frame_p50_ms=%.1f"
                        + " frame_p99_ms=%.1f added_p50_ms=%.1f added_p99_ms=%.1f missing=%d",
                visible.percentile(0.5) / 1e3, visible.percentile(0.99) / 1e3, frame.percentile(0.5) / 1e3,
                frame.percentile(0.99) / 1e3, afterVisible.percentile(0.5) / 1e3, afterVisible.percentile(0.99) / 1e3,
                missing));
    }

    private FrameStats received(ChildProcesses children) throws IOException {
        FrameStats total = new FrameStats(options.latencyField());
        for (String line : children.ask("stats")) {
            total.merge(line.split(" ", 3)[2]);
        }
        return total;
    }

    private void frames(ChildProcesses children) throws IOException {
        FrameStats total = new FrameStats(options.latencyField());
        int open = 0;
        for (String line : children.ask("stats")) {
            String[] parts = line.split(" ", 3);
            open += Integer.parseInt(parts[1]);
            total.merge(parts[2]);
        }
        LatencyHistogram latency = total.latency();
        double rate = total.spanSeconds() > 0 ? latency.count() / total.spanSeconds() : 0;
        say("frames by type %s; closes %s; %,d sockets open", total.framesByType(), total.closesByCode(), open);
        say("timed frames: %,d in %.2f s = %,.0f frames/s; latency p50 %.2f ms, p99 %.2f ms, max %.2f ms",
                latency.count(), total.spanSeconds(), rate, latency.percentile(0.5) / 1e3,
                latency.percentile(0.99) / 1e3, latency.max() / 1e3);
        result.add("open=" + open);
        result.add("timed_frames=" + latency.count());
        result.add(String.format(Locale.ROOT, "frames_per_s=%.0f", rate));
        result.add(String.format(Locale.ROOT, "p50_ms=%.2f p99_ms=%.2f", latency.percentile(0.5) / 1e3,
                latency.percentile(0.99) / 1e3));
    }

    private void say(String format, Object... args) {
        out.println("[" + options.label() + "] " + String.format(Locale.ROOT, format, args));
        out.flush();
    }
}
