package dev.pulse.service;

import java.io.ByteArrayOutputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * A raw HTTP/1.x test client over one {@link Socket}: it writes exactly the bytes a test gives it (malformed
 * requests, HTTP/1.0, a request cut off half-way) and reads a status line, headers and body back, each read bounded
 * by a timeout. Helidon's and the JDK's clients refuse to send broken requests, which is what hardening tests need.
 */
public final class RawHttp implements AutoCloseable {

    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    private RawHttp(Socket socket) throws IOException {
        this.socket = socket;
        this.in = socket.getInputStream();
        this.out = socket.getOutputStream();
    }

    /** Connects to the loopback address; every later read fails after {@code readTimeout} without data. */
    public static RawHttp connect(int port, Duration readTimeout) {
        Socket socket = new Socket();
        try {
            socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), (int) readTimeout.toMillis());
            socket.setSoTimeout((int) readTimeout.toMillis());
            socket.setTcpNoDelay(true);
            return new RawHttp(socket);
        } catch (IOException e) {
            closeQuietly(socket);
            throw new UncheckedIOException("Cannot connect to the loopback address, port " + port, e);
        }
    }

    public static RawHttp connect(int port) {
        return connect(port, DEFAULT_READ_TIMEOUT);
    }

    /** Sends {@code request} on a new connection and reads one response. */
    public static Response exchange(int port, String request) {
        try (RawHttp http = connect(port)) {
            return http.send(request).read();
        }
    }

    /** Writes {@code text} as ISO-8859-1 bytes, so every char below 256 becomes exactly that byte. */
    public RawHttp send(String text) {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    public RawHttp send(byte[] bytes) {
        try {
            out.write(bytes);
            out.flush();
            return this;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot write to the server", e);
        }
    }

    /** Reads a response with a body framed by Content-Length, chunked encoding or the end of the connection. */
    public Response read() {
        return read(true);
    }

    /** Reads a response to HEAD: status line and headers only, whatever Content-Length says. */
    public Response readHead() {
        return read(false);
    }

    /** Reads exactly {@code count} bytes, for protocols other than HTTP after an upgrade. */
    public byte[] readBytes(int count) {
        try {
            byte[] bytes = in.readNBytes(count);
            if (bytes.length < count) {
                throw new EOFException("The server closed the connection after " + bytes.length + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Reads and drops whatever the server still sends until it closes the connection.
     *
     * @return true if the server closed the connection (or reset it) before the read timeout
     */
    public boolean awaitClosedByServer() {
        byte[] sink = new byte[1024];
        try {
            while (in.read(sink) != -1) {
                // dropped: the caller asks only whether the server closes
            }
            return true;
        } catch (SocketTimeoutException e) {
            return false;
        } catch (SocketException e) {
            return true;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Sends a FIN but keeps reading, like a client that has sent all it will and waits for the answer. */
    public void finishSending() {
        try {
            socket.shutdownOutput();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closes the socket abruptly: an RST instead of a FIN, like a client process that is killed. */
    public void reset() {
        try {
            socket.setSoLinger(true, 0);
        } catch (SocketException e) {
            throw new UncheckedIOException(e);
        } finally {
            closeQuietly(socket);
        }
    }

    @Override
    public void close() {
        closeQuietly(socket);
    }

    private Response read(boolean withBody) {
        try {
            String statusLine = readLine();
            Map<String, List<String>> headers = readHeaders();
            Response head = new Response(statusLine, headers, new byte[0]);
            return withBody ? new Response(statusLine, headers, readBody(head)) : head;
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read a response", e);
        }
    }

    private Map<String, List<String>> readHeaders() throws IOException {
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (String line = readLine(); !line.isEmpty(); line = readLine()) {
            int colon = line.indexOf(':');
            headers.computeIfAbsent(line.substring(0, colon).trim(), name -> new ArrayList<>())
                    .add(line.substring(colon + 1).trim());
        }
        return headers;
    }

    private byte[] readBody(Response head) throws IOException {
        Optional<String> length = head.header("Content-Length");
        if (length.isPresent()) {
            return in.readNBytes(Integer.parseInt(length.get()));
        }
        if (head.header("Transfer-Encoding").map(value -> value.equalsIgnoreCase("chunked")).orElse(false)) {
            return readChunks();
        }
        return in.readAllBytes();
    }

    private byte[] readChunks() throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        for (int size = Integer.parseInt(readLine().trim(), 16); size > 0; size = Integer.parseInt(readLine().trim(), 16)) {
            body.write(in.readNBytes(size));
            readLine();
        }
        readLine();
        return body.toByteArray();
    }

    private String readLine() throws IOException {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) != '\n') {
            if (b == -1) {
                throw new EOFException("The server closed the connection; got so far: "
                        + line.toString(StandardCharsets.ISO_8859_1));
            }
            line.write(b);
        }
        String text = line.toString(StandardCharsets.ISO_8859_1);
        return text.endsWith("\r") ? text.substring(0, text.length() - 1) : text;
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException ignored) {
            // closing a test socket: nothing left to do
        }
    }

    /** One HTTP response as read from the wire; header names are case-insensitive. */
    public record Response(String statusLine, Map<String, List<String>> headers, byte[] body) {

        public int status() {
            return Integer.parseInt(statusLine.split(" ", 3)[1]);
        }

        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name)).map(List::getFirst);
        }

        public Optional<String> contentType() {
            return header("Content-Type").map(value -> value.toLowerCase(Locale.ROOT));
        }

        public String bodyText() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }
}
