package dev.pulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.edge.protocol.ProtocolSchemas;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * A real WebSocket client (the JDK's) that keeps every frame it received, parsed, and how it was closed.
 * It checks every frame against the schema of its type in docs/protocol: once a frame broke it, reading
 * the frames (and closing the client) fails, naming the frame and why, so every test that uses this client
 * holds the edge to the documented protocol.
 */
final class WsClient implements WebSocket.Listener, AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private final ProtocolSchemas schemas = ProtocolSchemas.serverFrames();
    private final List<JsonNode> frames = new CopyOnWriteArrayList<>();
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final StringBuilder partial = new StringBuilder();
    private WebSocket socket;

    /** Connects to {@code ws://127.0.0.1:port/ws?query} with the token in the Authorization header. */
    static WsClient connect(int port, String query, String token) {
        return connectAsync(port, query, token).orTimeout(10, TimeUnit.SECONDS).join();
    }

    /** Starts connecting; many of these at once is how a crowd of clients reconnects. */
    static CompletableFuture<WsClient> connectAsync(int port, String query, String token) {
        WsClient client = new WsClient();
        WebSocket.Builder builder = HTTP.newWebSocketBuilder().connectTimeout(Duration.ofSeconds(10));
        if (token != null) {
            builder.header("Authorization", "Bearer " + token);
        }
        return builder.buildAsync(URI.create("ws://127.0.0.1:" + port + "/ws" + (query.isEmpty() ? "" : "?" + query)),
                client).thenApply(socket -> {
                    client.socket = socket;
                    return client;
                });
    }

    /** Cuts the connection without a close frame, as a network failure would. */
    void cut() {
        socket.abort();
    }

    @Override
    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
        partial.append(data);
        if (last) {
            received(partial.toString());
            partial.setLength(0);
        }
        webSocket.request(1);
        return null;
    }

    private void received(String text) {
        List<String> problems = schemas.violations(text);
        if (!problems.isEmpty()) {
            violations.add(text + " " + problems);
        }
        try {
            frames.add(JSON.readTree(text));
        } catch (Exception e) {
            // Counted in the violations: not JSON.
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
        closed.complete(statusCode);
        return null;
    }

    @Override
    public void onError(WebSocket webSocket, Throwable error) {
        closed.complete(1006);
    }

    List<JsonNode> frames() {
        requireProtocol();
        return List.copyOf(frames);
    }

    List<JsonNode> frames(String type) {
        requireProtocol();
        return frames.stream().filter(f -> type.equals(f.path("type").asText())).toList();
    }

    CompletableFuture<Integer> closed() {
        return closed;
    }

    void send(String text) {
        socket.sendText(text, true).join();
    }

    /** The highest seq of the inbox frames received (those with an epoch), or -1 before the first. */
    long lastInboxSeq() {
        return frames().stream().filter(f -> f.has("seq") && f.has("epoch"))
                .mapToLong(f -> f.get("seq").asLong()).max().orElse(-1);
    }

    /** The epoch and seq of the last inbox frame received, where a reconnect resumes. */
    String resumeQuery() {
        String epoch = frames("hello").getFirst().path("epoch").asText();
        long lastSeq = frames("hello").getFirst().path("lastSeq").asLong();
        for (JsonNode frame : frames) {
            if (frame.has("seq") && frame.has("epoch")) {
                epoch = frame.get("epoch").asText();
                lastSeq = frame.get("seq").asLong();
            }
        }
        return "epoch=" + epoch + "&lastSeq=" + lastSeq;
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "bye").orTimeout(5, TimeUnit.SECONDS)
                    .exceptionally(e -> null).join();
        }
        socket.abort();
        requireProtocol();
    }

    /**
     * Fails at once, not as an assertion a poll would retry until its deadline, when a frame received broke
     * the schema of its type.
     */
    private void requireProtocol() {
        if (!violations.isEmpty()) {
            throw new IllegalStateException("Frames received that break docs/protocol: " + violations);
        }
    }
}
