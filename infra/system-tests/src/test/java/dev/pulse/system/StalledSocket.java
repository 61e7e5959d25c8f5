package dev.pulse.system;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.DataInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * A WebSocket client over a plain socket that upgrades and then reads nothing until told: a stalled client,
 * byte for byte (the JDK's client reads ahead of its listener). Its receive window is small, so the server's
 * writes back up after a few frames.
 */
final class StalledSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final Socket socket = new Socket();
    private final List<JsonNode> frames = new ArrayList<>();

    StalledSocket(int port, String token) throws IOException {
        socket.setReceiveBufferSize(4_096);
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        byte[] key = new byte[16];
        ThreadLocalRandom.current().nextBytes(key);
        OutputStream out = socket.getOutputStream();
        out.write(("GET /ws HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                + "Sec-WebSocket-Key: " + Base64.getEncoder().encodeToString(key) + "\r\nSec-WebSocket-Version: 13\r\n"
                + "Authorization: Bearer " + token + "\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        String head = head(socket.getInputStream());
        if (!head.startsWith("HTTP/1.1 101")) {
            throw new IOException("not upgraded: " + head);
        }
    }

    private static String head(InputStream in) throws IOException {
        StringBuilder head = new StringBuilder();
        while (!head.toString().endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                throw new IOException("closed during the upgrade: " + head);
            }
            head.append((char) b);
        }
        return head.toString();
    }

    /** Reads every frame until the server's close, within {@code timeout}; the close's status code. */
    int readUntilClosed(Duration timeout) throws IOException {
        socket.setSoTimeout((int) timeout.toMillis());
        DataInputStream in = new DataInputStream(socket.getInputStream());
        while (true) {
            int opcode = in.readUnsignedByte() & 0x0F;
            int short7 = in.readUnsignedByte() & 0x7F;
            long length = short7 == 126 ? in.readUnsignedShort() : short7 == 127 ? in.readLong() : short7;
            byte[] payload = in.readNBytes((int) length);
            if (opcode == 0x8) {
                return payload.length < 2 ? 1005 : ((payload[0] & 0xFF) << 8) | (payload[1] & 0xFF);
            }
            if (opcode == 0x1) {
                frames.add(JSON.readTree(payload));
            }
        }
    }

    /** The text frames read, parsed. */
    List<JsonNode> frames() {
        return List.copyOf(frames);
    }

    /** The epoch and seq of the last inbox frame read, where a reconnect resumes. */
    String resumeQuery() {
        JsonNode last = frames.stream().filter(f -> f.has("seq") && f.has("epoch")).reduce((a, b) -> b).orElseThrow();
        return "epoch=" + last.get("epoch").asText() + "&lastSeq=" + last.get("seq").asLong();
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
