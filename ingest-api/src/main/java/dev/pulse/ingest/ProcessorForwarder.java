package dev.pulse.ingest;

import dev.pulse.service.ProblemException;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Forwards a read to the stream processor's query API and relays its answer as it is: status, body,
 * {@code Content-Type}, {@code Retry-After} and the {@code X-Pulse-*} headers (which instance served it,
 * standby lag). The caller's {@code Authorization} header goes along, so the processor checks the same
 * token itself. The whole exchange is bounded by {@link ProcessorLink#timeout()}; a processor that cannot
 * be reached, or does not answer in time, is a 503 {@value #UNAVAILABLE} with {@code Retry-After}.
 */
final class ProcessorForwarder implements AutoCloseable {

    static final String UNAVAILABLE = "processor-unavailable";
    private static final Logger LOG = LoggerFactory.getLogger(ProcessorForwarder.class);
    private static final List<String> RELAYED = List.of("content-type", "retry-after");

    private final ProcessorLink link;
    private final HttpClient http;

    ProcessorForwarder(ProcessorLink link) {
        this.link = link;
        this.http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(link.timeout()).build();
    }

    /** {@code GET path} on the processor with the query parameters of {@code req} named in {@code params}. */
    void forward(ServerRequest req, ServerResponse res, String path, List<String> params) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(req, path, params)).timeout(link.timeout()).GET();
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(auth -> request.header("Authorization", auth));
        relay(send(request.build()), res);
    }

    private URI uri(ServerRequest req, String path, List<String> params) {
        StringBuilder query = new StringBuilder();
        for (String name : params) {
            for (String value : req.query().all(name, List::of)) {
                query.append(query.isEmpty() ? '?' : '&').append(name).append('=')
                        .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
            }
        }
        return URI.create(link.url() + path + query);
    }

    /** {@code segment} percent-encoded as one path segment (a user id may hold any character). */
    static String segment(String segment) {
        return URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private HttpResponse<byte[]> send(HttpRequest request) {
        CompletableFuture<HttpResponse<byte[]>> answer = http.sendAsync(request, HttpResponse.BodyHandlers.ofByteArray());
        try {
            return answer.get(link.timeout().toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            answer.cancel(true);
            LOG.warn("The processor at {} did not answer {}: {}", link.url(), request.uri().getPath(), e.toString());
            throw unavailable().causedBy(e);
        } catch (InterruptedException e) {
            answer.cancel(true);
            Thread.currentThread().interrupt();
            throw unavailable().causedBy(e);
        }
    }

    private ProblemException unavailable() {
        return ProblemException.unavailable(UNAVAILABLE, "the stream processor did not answer within "
                + link.timeout().toMillis() + " ms; inbox reads need it, writes do not", link.timeout());
    }

    @Override
    public void close() {
        http.shutdownNow();
    }

    private static void relay(HttpResponse<byte[]> answer, ServerResponse res) {
        res.status(Status.create(answer.statusCode()));
        answer.headers().map().forEach((name, values) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (RELAYED.contains(lower) || lower.startsWith("x-pulse-")) {
                res.header(name, values.toArray(String[]::new));
            }
        });
        res.send(answer.body());
    }
}
