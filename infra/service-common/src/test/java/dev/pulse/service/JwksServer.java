package dev.pulse.service;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An identity provider's JWKS endpoint on a real local socket: serves whatever JWKS the test publishes,
 * or an error, or nothing for a while, and counts the fetches.
 */
final class JwksServer implements AutoCloseable {

    private static final String PATH = "/.well-known/jwks.json";

    private final HttpServer server;
    private final ExecutorService executor = Executors.newCachedThreadPool();
    private final AtomicInteger fetches = new AtomicInteger();
    private final CountDownLatch released = new CountDownLatch(1);
    private volatile String body;
    private volatile int status = 200;
    private volatile boolean stalled;

    private JwksServer(String jwks) throws IOException {
        this.body = jwks;
        this.server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext(PATH, this::answer);
        server.setExecutor(executor);
        server.start();
    }

    static JwksServer serving(String jwks) {
        try {
            return new JwksServer(jwks);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + PATH);
    }

    /** From now on, answers 200 with {@code jwks}. */
    void publish(String jwks) {
        body = jwks;
        status = 200;
    }

    /** From now on, answers {@code statusCode} with no JWKS. */
    void fail(int statusCode) {
        status = statusCode;
    }

    /** From now on, answers nothing until closed. */
    void stall() {
        stalled = true;
    }

    int fetches() {
        return fetches.get();
    }

    private void answer(HttpExchange exchange) throws IOException {
        fetches.incrementAndGet();
        if (stalled) {
            awaitRelease();
        }
        byte[] bytes = (status == 200 ? body : "{\"error\":\"unavailable\"}").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private void awaitRelease() {
        try {
            released.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        released.countDown();
        server.stop(0);
        executor.shutdownNow();
    }
}
