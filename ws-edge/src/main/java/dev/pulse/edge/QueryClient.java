package dev.pulse.edge;

import dev.pulse.schemas.views.InboxViews;
import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.schemas.views.TrendingView;
import dev.pulse.schemas.views.UserCountsView;
import dev.pulse.service.Json;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;

/**
 * Asks the stream-processor's query API what the edge cannot know from the topics alone: where a user's
 * inbox stands (the changes after a client's seq, or the badge and last seq of a fresh connection), and
 * the current value of a watched count or of trending. It calls with the connection's own token, so the
 * edge needs no credentials of its own and can never read another user's inbox.
 */
final class QueryClient {

    /** The query API did not answer in time, or not with the answer asked for. */
    static final class Unavailable extends Exception {
        Unavailable(String message) {
            super(message, null, false, false);
        }
    }

    private static final Duration FIRST_PAUSE = Duration.ofMillis(100);

    private final HttpClient http;
    private final URI base;
    private final Duration timeout;
    private final LongAdder calls = new LongAdder();
    /**
     * Queries in flight at once: a crowd of reconnecting clients waits its turn here instead of opening a
     * connection each to the processor and starving it (a 5,000-client drill got 503s from a processor
     * whose group member was starved out of its group).
     */
    private final Semaphore inFlight;

    QueryClient(URI base, Duration timeout, int maxInFlight) {
        this.base = base;
        this.timeout = timeout;
        this.inFlight = new Semaphore(maxInFlight);
        this.http = HttpClient.newBuilder().connectTimeout(timeout).build();
    }

    /** The changes after {@code afterSeq} of {@code epoch}; a reset when the epoch is another. */
    InboxViews.Changes changes(String userId, String epoch, long afterSeq, String token) throws Unavailable {
        return get(inboxPath(userId) + "/changes?after=" + afterSeq + "&epoch=" + encode(epoch), token,
                InboxViews.Changes.class);
    }

    InboxViews.Counts counts(String userId, String token) throws Unavailable {
        return get(inboxPath(userId) + "/counts", token, InboxViews.Counts.class);
    }

    PostCountsView postCounts(String postId, String token) throws Unavailable {
        return get("/v1/posts/" + segment(postId) + "/counts", token, PostCountsView.class);
    }

    UserCountsView userCounts(String userId, String token) throws Unavailable {
        return get("/v1/users/" + segment(userId) + "/counts", token, UserCountsView.class);
    }

    TrendingView trending(String token) throws Unavailable {
        return get("/v1/trending", token, TrendingView.class);
    }

    /** How many calls this node made, for /metrics and the mass-reconnect drill. */
    long calls() {
        return calls.sum();
    }

    private static String inboxPath(String userId) {
        return "/v1/users/" + segment(userId) + "/inbox";
    }

    private static String segment(String id) {
        return URLEncoder.encode(id, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    /**
     * Asks until answered or the timeout passes: a 503 (the processor rebalancing, or the owner of the
     * user's partition moving) is retried with a growing pause, since it passes in seconds.
     */
    private <T> T get(String pathAndQuery, String token, Class<T> type) throws Unavailable {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = FIRST_PAUSE;
        while (true) {
            HttpResponse<byte[]> response = send(pathAndQuery, token);
            if (response.statusCode() == 200) {
                try {
                    return Json.mapper().readValue(response.body(), type);
                } catch (IOException e) {
                    throw new Unavailable("query API answered what is not a " + type.getSimpleName());
                }
            }
            if (response.statusCode() != 503 || System.nanoTime() + pause.toNanos() > deadline) {
                String body = new String(response.body(), StandardCharsets.UTF_8);
                throw new Unavailable("query API answered " + response.statusCode() + ": "
                        + body.substring(0, Math.min(300, body.length())));
            }
            pause(pause);
            pause = pause.multipliedBy(2);
        }
    }

    private HttpResponse<byte[]> send(String pathAndQuery, String token) throws Unavailable {
        try {
            if (!inFlight.tryAcquire(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new Unavailable("too many queries waiting for the query API");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
        try {
            return sendNow(pathAndQuery, token);
        } finally {
            inFlight.release();
        }
    }

    private HttpResponse<byte[]> sendNow(String pathAndQuery, String token) throws Unavailable {
        calls.increment();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + pathAndQuery))
                .timeout(timeout)
                .header("Authorization", "Bearer " + token)
                .header("Accept", "application/json")
                .GET()
                .build();
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofByteArray());
        } catch (IOException e) {
            throw new Unavailable("query API unreachable: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }

    private static void pause(Duration pause) throws Unavailable {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Unavailable("interrupted");
        }
    }
}
