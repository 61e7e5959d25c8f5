package dev.pulse.ingest.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * One HTTP/1.1 client of the bench: the JDK's {@link HttpClient}, which keeps its connections alive and
 * opens one per concurrent request, posting JSON bodies to {@code POST /v1/events} with a bearer token.
 */
final class BenchHttp {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5)).build();
    private final URI events;
    private final String authorization;

    BenchHttp(int port, String token) {
        this.events = URI.create("http://127.0.0.1:" + port + "/v1/events");
        this.authorization = "Bearer " + token;
    }

    /** Posts {@code body} and returns the status; anything but 202 is the caller's to count as a failure. */
    int post(String body) {
        HttpRequest request = HttpRequest.newBuilder(events).timeout(Duration.ofSeconds(30))
                .header("Authorization", authorization).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }
}
