package dev.pulse.edge.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.pulse.service.Json;
import io.helidon.common.buffers.BufferData;
import io.helidon.webserver.WebServer;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.helidon.webserver.websocket.WsRouting;
import io.helidon.websocket.WsListener;
import io.helidon.websocket.WsSession;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The reference the edge is measured against: a bare Helidon WebServer whose {@code /ws} accepts any socket
 * and keeps it (no token is read), and {@code POST /broadcast?frames=N} that sends N small timed frames to
 * every open socket from one thread and answers how long that took. Same Helidon, same defaults, same JVM
 * flags as an edge node; prints {@code port N} once listening.
 *
 * <p>Two options after the port add one thing an edge node does at open, to tell its cost apart:
 * {@code json} sends a frame written by the services' shared Jackson mapper from the socket's own thread;
 * {@code park} parks the socket's virtual thread once, {@value #PARK_DEPTH} calls deep (as a blocking call to the
 * query API in {@code onOpen} does).
 */
public final class BareWsServer {

    static final int PARK_DEPTH = 60;

    private final Set<WsSession> sessions = ConcurrentHashMap.newKeySet();
    private final boolean json;
    private final boolean park;

    BareWsServer(boolean json, boolean park) {
        this.json = json;
        this.park = park;
    }

    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 0;
        List<String> options = Arrays.asList(args);
        PrintStream out = System.out;
        WebServer server = new BareWsServer(options.contains("json"), options.contains("park")).start(port);
        out.println("port " + server.port());
        out.flush();
    }

    WebServer start(int port) {
        return WebServer.builder()
                .host("127.0.0.1")
                .port(port)
                // Helidon closes connections silent for 5 minutes by default; a long run keeps its idle sockets.
                .idleConnectionTimeout(Duration.ofHours(2))
                .routing(http -> http.post("/broadcast", this::broadcast).get("/sockets",
                        (req, res) -> res.send(Integer.toString(sessions.size()))))
                .addRouting(WsRouting.builder().endpoint("/ws", new Keeper()))
                .build()
                .start();
    }

    private void broadcast(ServerRequest req, ServerResponse res) {
        int frames = req.query().first("frames").asInt().orElse(1);
        long start = System.nanoTime();
        long sent = 0;
        for (int seq = 0; seq < frames; seq++) {
            for (WsSession session : sessions) {
                String frame = "{\"type\":\"bench\",\"seq\":" + seq + ",\"sentAtMicros\":" + LoadSocket.nowMicros() + "}";
                try {
                    session.send(frame, true);
                    sent++;
                } catch (RuntimeException e) {
                    sessions.remove(session);
                }
            }
        }
        long micros = (System.nanoTime() - start) / 1_000;
        res.send("sent " + sent + " frames to " + sessions.size() + " sockets in " + micros / 1_000 + " ms ("
                + (micros == 0 ? 0 : sent * 1_000_000 / micros) + " frames/s)");
    }

    private record Hello(String type, int connection, Instant serverTime) {
    }

    private static String text(Record frame) {
        try {
            return Json.mapper().writeValueAsString(frame);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void parkDeep(int depth) {
        if (depth > 0) {
            parkDeep(depth - 1);
            return;
        }
        try {
            Thread.sleep(1);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** One listener for every socket: it only remembers the open sessions, for the broadcast. */
    private final class Keeper implements WsListener {
        @Override
        public void onOpen(WsSession session) {
            sessions.add(session);
            if (park) {
                parkDeep(PARK_DEPTH);
            }
            if (json) {
                session.send(text(new Hello("hello", session.hashCode(), Instant.now())), true);
            }
        }

        @Override
        public void onMessage(WsSession session, String text, boolean last) {
            // a bare endpoint ignores what clients send
        }

        @Override
        public void onMessage(WsSession session, BufferData buffer, boolean last) {
            // likewise
        }

        @Override
        public void onClose(WsSession session, int status, String reason) {
            sessions.remove(session);
        }

        @Override
        public void onError(WsSession session, Throwable t) {
            sessions.remove(session);
        }
    }
}
