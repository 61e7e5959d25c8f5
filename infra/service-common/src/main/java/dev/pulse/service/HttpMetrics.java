package dev.pulse.service;

import io.helidon.http.HttpException;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.FilterChain;
import io.helidon.webserver.http.RoutingRequest;
import io.helidon.webserver.http.RoutingResponse;
import io.helidon.webserver.http.ServerRequest;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.http.Outcome;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;

/**
 * Times every HTTP request into {@value #TIMER_NAME} (Prometheus: {@code http_server_requests_seconds_*})
 * tagged with method, route template, status and outcome, with a histogram of 13 latency buckets from
 * 1 ms to 10 s. Registered as the first filter, it also times what later filters answer (a 401 from
 * authentication) and what error handlers answer, because Helidon runs routing and error handling inside
 * {@code chain.proceed()}.
 *
 * <p>The route is Helidon's matched pattern ({@code /v1/posts/{postId}/counts}), never the raw path, so the
 * number of series stays bounded; a request that no route matched (refused by a filter, or answered by a
 * catch-all) is {@value #UNMATCHED}. Helidon 4.3.1 puts the raw matched prefix into the pattern of a
 * service registered under a templated path ({@code register("/v1/users/{userId}", ...)}): register
 * services under literal prefixes. As a guard against such raw values, at most {@value #MAX_SERIES} tag
 * combinations are kept; later ones are counted under {@value #OVERFLOW}.
 */
public final class HttpMetrics implements Filter {

    public static final String TIMER_NAME = "http.server.requests";
    public static final String UNMATCHED = "unmatched";
    public static final String OVERFLOW = "overflow";
    static final int MAX_SERIES = 500;

    private static final Duration[] BUCKETS = {
            Duration.ofMillis(1), Duration.ofNanos(2_500_000), Duration.ofMillis(5),
            Duration.ofMillis(10), Duration.ofMillis(25), Duration.ofMillis(50),
            Duration.ofMillis(100), Duration.ofMillis(250), Duration.ofMillis(500),
            Duration.ofSeconds(1), Duration.ofMillis(2500), Duration.ofSeconds(5), Duration.ofSeconds(10)};
    private static final int SERVER_ERROR = 500;

    private final MeterRegistry registry;
    private final int maxSeries;
    private final ConcurrentMap<Series, Timer> timers = new ConcurrentHashMap<>();

    public HttpMetrics(MeterRegistry registry) {
        this(registry, MAX_SERIES);
    }

    HttpMetrics(MeterRegistry registry, int maxSeries) {
        this.registry = registry;
        this.maxSeries = maxSeries;
    }

    @Override
    public void filter(FilterChain chain, RoutingRequest req, RoutingResponse res) {
        long start = System.nanoTime();
        int status = SERVER_ERROR;
        try {
            chain.proceed();
            status = res.status().code();
        } catch (HttpException e) {
            status = e.status().code();
            throw e;
        } finally {
            timer(method(req), route(req), status).record(System.nanoTime() - start, TimeUnit.NANOSECONDS);
        }
    }

    /** The route template Helidon matched for {@code req}, or {@value #UNMATCHED}. */
    static String route(ServerRequest req) {
        return req.matchingPattern().filter(pattern -> !pattern.isEmpty()).orElse(UNMATCHED);
    }

    private static String method(ServerRequest req) {
        String method = req.prologue().method().text();
        return switch (method) {
            case "GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS", "TRACE", "CONNECT" -> method;
            default -> "OTHER";
        };
    }

    /** The timer of one tag combination, cached: a registry lookup per request would build a tagged id. */
    Timer timer(String method, String route, int status) {
        Series series = new Series(method, route, status);
        Timer timer = timers.get(series);
        if (timer != null) {
            return timer;
        }
        if (timers.size() >= maxSeries && !OVERFLOW.equals(route)) {
            return timer(method, OVERFLOW, status);
        }
        return timers.computeIfAbsent(series, this::register);
    }

    private Timer register(Series series) {
        return Timer.builder(TIMER_NAME)
                .description("HTTP requests answered, by route template, method and status")
                .tag("method", series.method())
                .tag("route", series.route())
                .tag("status", Integer.toString(series.status()))
                .tag("outcome", Outcome.forStatus(series.status()).name())
                .serviceLevelObjectives(BUCKETS)
                .register(registry);
    }

    private record Series(String method, String route, int status) {
    }
}
