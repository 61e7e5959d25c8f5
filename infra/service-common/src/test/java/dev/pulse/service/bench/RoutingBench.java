package dev.pulse.service.bench;

import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.HttpSettings;
import dev.pulse.service.Json;
import dev.pulse.service.JwtSettings;
import dev.pulse.service.JwtVerifier;
import dev.pulse.service.ServiceHost;
import dev.pulse.service.ServiceMetrics;
import dev.pulse.service.ServiceRoutes;
import io.helidon.http.Status;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.WebServerConfig;
import io.helidon.webserver.http.Handler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.LongAdder;

/**
 * What the shared hardening costs per request: the same authenticated GET served by a bare Helidon
 * routing (bearer authentication and the handler, what a service had before the shared plumbing) and
 * by the full shared setup ({@link ServiceHost#configure}: metrics, CORS, authentication, HEAD and 405
 * bookkeeping, problem handlers, request limits), measured in alternating rounds in one JVM with
 * keep-alive raw-socket clients; a third variant has the shared routing without the server-level
 * hardening, to tell the two costs apart. Run with {@code scripts/bench-http.sh}.
 */
public final class RoutingBench {

    private static final String PATH = "/v1/items/42";

    public static void main(String[] args) throws Exception {
        int connections = intArg(args, "--connections", 16);
        int seconds = intArg(args, "--seconds", 10);
        int rounds = intArg(args, "--rounds", 3);
        byte[] secret = Base64.getDecoder().decode(HmacTokens.newSecret());
        JwtVerifier verifier = new JwtVerifier(new JwtSettings(Optional.of(secret), Optional.empty(), Optional.empty(),
                Optional.empty(), Duration.ofSeconds(30), Duration.ofHours(24)));
        String token = new HmacTokens(secret, "bench").issue("ana", List.of(), Duration.ofHours(1));
        Handler item = (req, res) -> Json.send(res, Status.OK_200, Map.of("id", req.path().pathParameters().get("id")));
        WebServer bare = WebServer.builder().port(0).host("127.0.0.1").shutdownHook(false)
                .routing(r -> r.addFilter(new BearerAuthFilter(verifier, Set.of())).get("/v1/items/{id}", item))
                .build().start();
        WebServerConfig.Builder shared = WebServer.builder().port(0).host("127.0.0.1").shutdownHook(false);
        try (ServiceMetrics metrics = new ServiceMetrics("bench")) {
            ServiceHost.configure(shared, new HttpSettings(Duration.ofSeconds(30), 1 << 20, List.of()),
                    new ServiceRoutes.Shared("bench", verifier, Map.of(), List.of(), metrics),
                    routes -> routes.get("/v1/items/{id}", item));
            WebServer hardened = shared.build().start();
            WebServer routingOnly = WebServer.builder().port(0).host("127.0.0.1").shutdownHook(false)
                    .routing(r -> ServiceRoutes.routing(r, new ServiceRoutes.Shared("bench", verifier, Map.of(),
                            List.of(), metrics), routes -> routes.get("/v1/items/{id}", item)))
                    .build().start();
            try {
                System.out.printf("%d connections, %d rounds of %d s per variant, alternating%n", connections, rounds,
                        seconds);
                run(Map.of("bare", bare.port(), "routing", routingOnly.port(), "shared", hardened.port()), token,
                        connections, seconds, rounds);
            } finally {
                routingOnly.stop();
                hardened.stop();
                bare.stop();
            }
        }
    }

    private static void run(Map<String, Integer> ports, String token, int connections, int seconds, int rounds)
            throws Exception {
        Map<String, List<Result>> results = new java.util.TreeMap<>();
        for (String variant : ports.keySet()) {
            load(ports.get(variant), token, connections, 2);
        }
        for (int round = 0; round < rounds; round++) {
            for (String variant : List.of("bare", "routing", "shared")) {
                Result result = load(ports.get(variant), token, connections, seconds);
                results.computeIfAbsent(variant, v -> new ArrayList<>()).add(result);
                System.out.printf(Locale.ROOT, "round %d %-7s %9.0f req/s  p50 %6.3f ms  p99 %6.3f ms%n", round + 1,
                        variant, result.perSecond(), result.p50Ms(), result.p99Ms());
            }
        }
        for (Map.Entry<String, List<Result>> entry : results.entrySet()) {
            double[] rates = entry.getValue().stream().mapToDouble(Result::perSecond).sorted().toArray();
            double[] p99s = entry.getValue().stream().mapToDouble(Result::p99Ms).sorted().toArray();
            double[] p50s = entry.getValue().stream().mapToDouble(Result::p50Ms).sorted().toArray();
            System.out.printf(Locale.ROOT, "median %-7s %9.0f req/s  p50 %6.3f ms  p99 %6.3f ms%n", entry.getKey(),
                    rates[rates.length / 2], p50s[p50s.length / 2], p99s[p99s.length / 2]);
        }
    }

    private record Result(double perSecond, double p50Ms, double p99Ms) {
    }

    private static Result load(int port, String token, int connections, int seconds) throws Exception {
        byte[] request = ("GET " + PATH + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: Bearer " + token
                + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII);
        long deadline = System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
        LongAdder done = new LongAdder();
        List<long[]> latencies = new ArrayList<>();
        List<Thread> clients = new ArrayList<>();
        for (int i = 0; i < connections; i++) {
            long[] mine = new long[2_000_000];
            latencies.add(mine);
            clients.add(Thread.ofPlatform().start(() -> client(port, request, deadline, mine, done)));
        }
        for (Thread client : clients) {
            client.join();
        }
        long total = done.sum();
        long[] all = new long[(int) total];
        int at = 0;
        for (long[] mine : latencies) {
            for (int i = 0; i < mine.length && mine[i] != 0 && at < all.length; i++) {
                all[at++] = mine[i];
            }
        }
        Arrays.sort(all, 0, at);
        return new Result(total / (double) seconds, all[at / 2] / 1e6, all[(int) (at * 0.99)] / 1e6);
    }

    private static void client(int port, byte[] request, long deadline, long[] latencies, LongAdder done) {
        try (Socket socket = new Socket("127.0.0.1", port)) {
            socket.setTcpNoDelay(true);
            OutputStream out = socket.getOutputStream();
            InputStream in = socket.getInputStream();
            byte[] buffer = new byte[8192];
            int n = 0;
            while (System.nanoTime() < deadline && n < latencies.length) {
                long start = System.nanoTime();
                out.write(request);
                readResponse(in, buffer);
                latencies[n++] = System.nanoTime() - start;
                done.increment();
            }
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** Reads one response with a Content-Length body; the bench's responses all have one. */
    private static void readResponse(InputStream in, byte[] buffer) throws IOException {
        int filled = 0;
        int headerEnd = -1;
        while (headerEnd < 0) {
            int read = in.read(buffer, filled, buffer.length - filled);
            if (read < 0) {
                throw new IOException("connection closed mid-response");
            }
            filled += read;
            headerEnd = indexOf(buffer, filled);
        }
        String head = new String(buffer, 0, headerEnd, StandardCharsets.US_ASCII).toLowerCase(Locale.ROOT);
        if (!head.startsWith("http/1.1 200")) {
            throw new IOException("unexpected response: " + head.lines().findFirst().orElse(""));
        }
        int at = head.indexOf("content-length:");
        int length = Integer.parseInt(head.substring(at + 15, head.indexOf('\r', at)).strip());
        int remaining = length - (filled - headerEnd - 4);
        while (remaining > 0) {
            int read = in.read(buffer, 0, Math.min(buffer.length, remaining));
            if (read < 0) {
                throw new IOException("connection closed mid-body");
            }
            remaining -= read;
        }
    }

    private static int indexOf(byte[] buffer, int filled) {
        for (int i = 3; i < filled; i++) {
            if (buffer[i - 3] == '\r' && buffer[i - 2] == '\n' && buffer[i - 1] == '\r' && buffer[i] == '\n') {
                return i - 3;
            }
        }
        return -1;
    }

    private static int intArg(String[] args, String name, int defaultValue) {
        for (String arg : args) {
            if (arg.startsWith(name + "=")) {
                return Integer.parseInt(arg.substring(name.length() + 1));
            }
        }
        return defaultValue;
    }
}
