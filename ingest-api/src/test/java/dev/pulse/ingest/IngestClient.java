package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.service.HmacTokens;
import dev.pulse.service.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.apache.avro.specific.SpecificRecord;

/** Talks to a running ingest API over real HTTP, with tokens it signs itself; for the ITs. */
final class IngestClient {

    static final String ISSUER = "pulse-test";

    private final HttpClient http = HttpClient.newHttpClient();
    private final AvroJson json = EventJson.of(dev.pulse.schemas.kafka.Topics.standard());
    private final HmacTokens tokens;
    private final int port;

    IngestClient(String secret, int port) {
        this.tokens = new HmacTokens(Base64.getDecoder().decode(secret), ISSUER);
        this.port = port;
    }

    String userToken(String user) {
        return tokens.issue(user, List.of(), Duration.ofMinutes(5));
    }

    /** A token of {@code user} with {@code scopes}, e.g. {@code metrics} to scrape. */
    String token(String user, String... scopes) {
        return tokens.issue(user, List.of(scopes), Duration.ofMinutes(5));
    }

    String serviceToken() {
        return tokens.issue("notifier-service", List.of(EventAccess.WRITE_SCOPE), Duration.ofMinutes(5));
    }

    /** {@code {"events": [...]}} of the events as the API's JSON. */
    ObjectNode batch(List<? extends SpecificRecord> events) {
        ObjectNode body = Json.mapper().createObjectNode();
        ArrayNode array = body.putArray(EventBatch.EVENTS);
        events.forEach(event -> array.add(json.write(event)));
        return body;
    }

    HttpResponse<String> post(String token, JsonNode body) {
        return post(token, "application/json", body.toString());
    }

    HttpResponse<String> post(String token, String contentType, String body) {
        return send(HttpRequest.newBuilder(uri("/v1/events")).header("Authorization", "Bearer " + token)
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** {@code body} as JSON with an {@code Idempotency-Key} header. */
    HttpResponse<String> post(String token, JsonNode body, String idempotencyKey) {
        return send(HttpRequest.newBuilder(uri("/v1/events")).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").header("Idempotency-Key", idempotencyKey)
                .POST(HttpRequest.BodyPublishers.ofString(body.toString())).build());
    }

    HttpResponse<String> get(String path, String token) {
        return send(HttpRequest.newBuilder(uri(path)).header("Authorization", "Bearer " + token).GET().build());
    }

    static JsonNode body(HttpResponse<String> response) {
        try {
            return Json.mapper().readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code method path} with a JSON body (or none when null) and a bearer token (or none when null). */
    HttpResponse<String> send(String method, String path, String token, String body) {
        return send(method, path, token, body, null);
    }

    /** {@code method path} as {@link #send(String, String, String, String)}, with an {@code Idempotency-Key} unless null. */
    HttpResponse<String> send(String method, String path, String token, String body, String idempotencyKey) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        if (body != null) {
            request.header("Content-Type", "application/json");
        }
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        if (idempotencyKey != null) {
            request.header("Idempotency-Key", idempotencyKey);
        }
        return send(request.build());
    }

    String token(String user, List<String> scopes) {
        return tokens.issue(user, scopes, Duration.ofMinutes(5));
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
