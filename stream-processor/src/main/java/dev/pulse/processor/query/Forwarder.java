package dev.pulse.processor.query;

import com.fasterxml.jackson.databind.JavaType;
import dev.pulse.service.Json;
import dev.pulse.service.ServiceRoutes;
import io.helidon.http.Header;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Asks another instance for its answer over HTTP, with the caller's token and {@code X-Pulse-Forwarded}
 * (an instance never forwards a forwarded request again, so ownership moving mid-request cannot loop),
 * and reads the answer back into the same view record this instance would have written. The owner's
 * refusal comes back as the same problem ({@link OwnerAnswers}); an owner that cannot be reached within
 * the timeouts is an {@link IOException} for the caller to decide on (a standby read, or 503).
 */
final class Forwarder {

    static final HeaderName FORWARDED = HeaderNames.create("X-Pulse-Forwarded");
    static final HeaderName SERVED_BY = HeaderNames.create("X-Pulse-Served-By");
    static final HeaderName STANDBY = HeaderNames.create("X-Pulse-Standby");
    static final HeaderName STANDBY_LAG = HeaderNames.create("X-Pulse-Standby-Lag");
    /** The headers saying which copy answered, passed on from an owner's answer. */
    private static final List<HeaderName> PROVENANCE = List.of(SERVED_BY, STANDBY, STANDBY_LAG);
    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration TIMEOUT = Duration.ofSeconds(5);

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build();
    private final Supplier<HostInfo> self;

    /** @param self the address this instance advertises, sent as {@code X-Pulse-Forwarded} */
    Forwarder(Supplier<HostInfo> self) {
        this.self = self;
    }

    /** What an owner answered: its view, and the headers saying which copy answered. */
    record Remote<T>(T view, List<Header> provenance) {

        /** Sends the view with the owner's provenance headers. */
        void sendTo(ServerResponse res) {
            provenance.forEach(res::header);
            Json.send(res, Status.OK_200, view);
        }
    }

    /** The owner's answer to this very request (same path and query). */
    <T> Remote<T> same(ServerRequest req, HostInfo owner, Class<T> view) throws IOException {
        String query = req.query().rawValue();
        String pathAndQuery = req.path().absolute().rawPath() + (query.isEmpty() ? "" : "?" + query);
        return exchange(req, owner, pathAndQuery, null, Json.mapper().constructType(view));
    }

    /** The owner's answer to a GET of {@code pathAndQuery}. */
    <T> Remote<T> get(ServerRequest req, HostInfo owner, String pathAndQuery, Class<T> view) throws IOException {
        return exchange(req, owner, pathAndQuery, null, Json.mapper().constructType(view));
    }

    /** The owner's answer to this request's path with {@code body} POSTed as JSON instead of the caller's. */
    <T> Remote<T> post(ServerRequest req, HostInfo owner, Object body, JavaType view) throws IOException {
        return exchange(req, owner, ServiceRoutes.wholePath(req), body, view);
    }

    /** An instance's address as clients write it, {@code host:port}. */
    static String address(HostInfo host) {
        return host.host() + ":" + host.port();
    }

    private <T> Remote<T> exchange(ServerRequest req, HostInfo owner, String pathAndQuery, Object body, JavaType view)
            throws IOException {
        HttpResponse<byte[]> response = send(request(req, owner, pathAndQuery, body), owner);
        if (response.statusCode() != 200) {
            throw OwnerAnswers.problem(owner, response);
        }
        List<Header> provenance = new ArrayList<>();
        for (HeaderName name : PROVENANCE) {
            response.headers().firstValue(name.defaultCase()).ifPresent(v -> provenance.add(HeaderValues.create(name, v)));
        }
        return new Remote<>(OwnerAnswers.view(owner, response.body(), view), List.copyOf(provenance));
    }

    private HttpRequest request(ServerRequest req, HostInfo owner, String pathAndQuery, Object body) {
        HttpRequest.Builder forwarded = HttpRequest.newBuilder(URI.create("http://" + address(owner) + pathAndQuery))
                .timeout(TIMEOUT)
                .header(FORWARDED.defaultCase(), address(self.get()));
        req.headers().first(HeaderNames.AUTHORIZATION).ifPresent(v -> forwarded.header("Authorization", v));
        if (body != null) {
            forwarded.header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(Json.bytes(body)));
        }
        return forwarded.build();
    }

    private HttpResponse<byte[]> send(HttpRequest request, HostInfo owner) throws IOException {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while forwarding to " + address(owner), e);
        }
    }
}
