package dev.pulse.edge.bench;

import dev.pulse.service.HmacTokens;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * The sockets of one load process: opens its share of a step's sockets at a paced rate with a bounded number
 * in flight, each from one of the source addresses and with its own token, and keeps them open until closed.
 */
final class LoadClients implements AutoCloseable {

    /** One step's outcome in this process; {@code connectMicros} holds the time from connect to ready. */
    record Opened(int ok, int failed, long millis, LatencyHistogram connectMicros, String firstFailure) {
    }

    private static final Duration READY_TIMEOUT = Duration.ofSeconds(60);

    private final LoadOptions options;
    private final FrameStats stats;
    private final NotificationArrivals arrivals;
    private final List<HttpClient> clients = new ArrayList<>();
    private final Optional<HmacTokens> tokens;
    private final List<WebSocket> sockets = new ArrayList<>();
    private final List<LoadSocket> listeners = new ArrayList<>();

    LoadClients(LoadOptions options, FrameStats stats, NotificationArrivals arrivals) {
        this.options = options;
        this.stats = stats;
        this.arrivals = arrivals;
        this.tokens = options.secret().map(s -> new HmacTokens(Base64.getDecoder().decode(s), options.issuer()));
        for (InetAddress source : sources(options.sources())) {
            HttpClient.Builder builder = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20));
            clients.add(source == null ? builder.build() : builder.localAddress(source).build());
        }
    }

    private static List<InetAddress> sources(int count) {
        List<InetAddress> out = new ArrayList<>();
        try {
            for (int i = 0; i < count; i++) {
                out.add(InetAddress.getByAddress(new byte[] {127, 0, 0, (byte) (2 + i)}));
            }
        } catch (UnknownHostException e) {
            throw new IllegalStateException("not an address", e);
        }
        if (out.isEmpty()) {
            out.add(null);
        }
        return out;
    }

    /** Opens the sockets with global index in [{@code from}, {@code to}) that belong to this process. */
    Opened open(int from, int to) {
        long start = System.nanoTime();
        double perProcessRate = (double) options.rate() / options.processes();
        Semaphore inFlight = new Semaphore(options.inFlight());
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstFailure = new AtomicReference<>("");
        LatencyHistogram connect = new LatencyHistogram();
        List<CompletableFuture<Void>> pending = new ArrayList<>();
        int n = 0;
        for (int i = first(from); i < to; i += options.processes()) {
            LockSupport.parkNanos(start + (long) (n++ * 1e9 / perProcessRate) - System.nanoTime());
            inFlight.acquireUninterruptibly();
            long began = System.nanoTime();
            pending.add(connect(i).handle((done, failure) -> {
                inFlight.release();
                if (failure == null) {
                    ok.incrementAndGet();
                    connect.record((System.nanoTime() - began) / 1_000);
                } else {
                    failed.incrementAndGet();
                    firstFailure.compareAndSet("", String.valueOf(rootCause(failure).getMessage()).replace(' ', '_'));
                }
                return null;
            }));
        }
        CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).join();
        return new Opened(ok.get(), failed.get(), (System.nanoTime() - start) / 1_000_000, connect, firstFailure.get());
    }

    private int first(int from) {
        int offset = Math.floorMod(options.childIndex() - from, options.processes());
        return from + offset;
    }

    private CompletableFuture<Void> connect(int index) {
        String user = options.userPrefix() + index;
        LoadSocket listener = new LoadSocket(stats, arrivals, user, options.readyOn(), options.onReady());
        String token = tokens.map(t -> t.issue(user, List.of(), tokenLifetime())).orElse(null);
        URI url = options.url();
        WebSocket.Builder builder = clients.get(index % clients.size()).newWebSocketBuilder()
                .connectTimeout(Duration.ofSeconds(20));
        if (token != null) {
            switch (options.tokenIn()) {
                case HEADER -> builder.header("Authorization", "Bearer " + token);
                case PROTOCOL -> builder.subprotocols("pulse.v1", "bearer." + token);
                case QUERY -> url = URI.create(url + (url.getQuery() == null ? "?" : "&") + "token=" + token);
            }
        }
        return builder.buildAsync(url, listener)
                .thenCompose(socket -> {
                    synchronized (sockets) {
                        sockets.add(socket);
                        listeners.add(listener);
                    }
                    return listener.ready();
                })
                .orTimeout(READY_TIMEOUT.toSeconds(), TimeUnit.SECONDS);
    }

    private Duration tokenLifetime() {
        return options.timeout().plusMinutes(10).compareTo(Duration.ofHours(23)) > 0
                ? Duration.ofHours(23) : options.timeout().plusMinutes(10);
    }

    /** Sockets of this process still open. */
    int openSockets() {
        synchronized (sockets) {
            return (int) listeners.stream().filter(LoadSocket::isOpen).count();
        }
    }

    private static Throwable rootCause(Throwable failure) {
        Throwable cause = failure;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    @Override
    public void close() {
        synchronized (sockets) {
            sockets.forEach(WebSocket::abort);
        }
        clients.forEach(HttpClient::shutdownNow);
    }
}
