package dev.pulse.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.util.JsonRecyclerPools;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerResponse;

/**
 * JSON responses for every service, written with one shared, immutable Jackson configuration. Its
 * buffers come from a shared pool rather than Jackson's default per-thread one: the services run on
 * virtual threads, one per connection, and a per-thread pool kept about 8 KB per idle WebSocket alive
 * (BENCHMARKS.md, "WebSocket edge").
 */
public final class Json {

    private static final ObjectMapper MAPPER = new ObjectMapper(JsonFactory.builder()
            .recyclerPool(JsonRecyclerPools.sharedConcurrentDequePool()).build())
            .findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private Json() {
    }

    public static ObjectMapper mapper() {
        return MAPPER;
    }

    /** {@code body} as UTF-8 JSON bytes, for answers written outside a {@link ServerResponse}. */
    public static byte[] bytes(Object body) {
        try {
            return MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write a " + body.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** Sends {@code body} as JSON with the given status and content type. */
    public static void send(ServerResponse res, Status status, String contentType, Object body) {
        byte[] bytes = bytes(body);
        res.status(status);
        res.header(HeaderNames.CONTENT_TYPE, contentType);
        res.send(bytes);
    }

    public static void send(ServerResponse res, Status status, Object body) {
        send(res, status, "application/json", body);
    }
}
