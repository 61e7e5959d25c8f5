package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webclient.http1.Http1Client;
import io.helidon.webclient.http1.Http1ClientResponse;
import io.helidon.webserver.http.HttpRouting;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.testing.junit5.ServerTest;
import io.helidon.webserver.testing.junit5.SetUpRoute;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

@ServerTest
class ServiceMetricsTest {

    private static final ServiceMetrics METRICS = new ServiceMetrics("metrics-test");
    private static final Duration DEADLINE = Duration.ofSeconds(5);

    private final Http1Client client;

    ServiceMetricsTest(Http1Client client) {
        this.client = client;
    }

    @SetUpRoute
    static void routing(HttpRouting.Builder routing) {
        HttpService users = rules -> rules.get("/{userId}/feed", (req, res) -> res.send("feed"));
        routing.addFilter(METRICS.httpFilter())
                .addFilter((chain, req, res) -> {
                    if (req.path().path().startsWith("/v1/private")) {
                        res.status(Status.UNAUTHORIZED_401).send();
                    } else if (req.path().path().startsWith("/v1/filter-boom")) {
                        throw new IllegalStateException("filter failed");
                    } else {
                        chain.proceed();
                    }
                })
                .get(ServiceMetrics.PATH, METRICS::scrape)
                .get("/v1/posts/{postId}/counts", (req, res) -> res.send("counts"))
                .get("/v1/boom", (req, res) -> {
                    throw new IllegalStateException("handler failed");
                })
                .register("/v1/users", users)
                .any((req, res) -> res.status(Status.NOT_FOUND_404).send())
                .error(Exception.class, (req, res, e) -> res.status(Status.INTERNAL_SERVER_ERROR_500).send());
    }

    @AfterAll
    static void closeMetrics() {
        METRICS.close();
    }

    @Test
    void shouldTimeARequestUnderItsRouteTemplateNotItsPath() {
        String series = "method=\"GET\",outcome=\"SUCCESS\",route=\"/v1/posts/{postId}/counts\",service=\"metrics-test\","
                + "status=\"200\"";
        double before = count(series);

        get("/v1/posts/post-123/counts");
        get("/v1/posts/post-456/counts");

        eventually().until(() -> count(series) == before + 2);
        assertThat(scrape()).doesNotContain("post-123", "post-456");
    }

    @Test
    void shouldTimeARouteOfAServiceUnderItsFullTemplate() {
        get("/v1/users/ana/feed");

        eventually().until(() -> count("route=\"/v1/users/{userId}/feed\",service=\"metrics-test\","
                + "status=\"200\"") >= 1);
        assertThat(scrape()).doesNotContain("/v1/users/ana");
    }

    @Test
    void shouldRecordTheStatusTheErrorHandlerSent() {
        assertThat(get("/v1/boom")).isEqualTo(Status.INTERNAL_SERVER_ERROR_500);

        eventually().until(() -> count("outcome=\"SERVER_ERROR\",route=\"/v1/boom\",service=\"metrics-test\","
                + "status=\"500\"") >= 1);
    }

    @Test
    void shouldRecordARequestThatALaterFilterRefusedAsUnmatched() {
        assertThat(get("/v1/private/42")).isEqualTo(Status.UNAUTHORIZED_401);

        eventually().until(() -> count("route=\"unmatched\",service=\"metrics-test\",status=\"401\"") >= 1);
        assertThat(scrape()).doesNotContain("/v1/private");
    }

    @Test
    void shouldRecordAnExceptionEscapingTheChainAsServerError() {
        assertThat(get("/v1/filter-boom")).isEqualTo(Status.INTERNAL_SERVER_ERROR_500);

        eventually().until(() -> count("route=\"unmatched\",service=\"metrics-test\",status=\"500\"") >= 1);
    }

    @Test
    void shouldCountAnUnknownPathOnceAsUnmatched() {
        assertThat(get("/v1/nothing-here/42")).isEqualTo(Status.NOT_FOUND_404);

        eventually().until(() -> count("route=\"unmatched\",service=\"metrics-test\",status=\"404\"") >= 1);
        assertThat(scrape()).doesNotContain("nothing-here");
    }

    @Test
    void shouldPublishLatencyBucketsFromOneMillisecondToTenSeconds() {
        get("/v1/posts/post-1/counts");

        eventually().until(() -> count("route=\"/v1/posts/{postId}/counts\"") >= 1);
        List<String> buckets = lines("http_server_requests_seconds_bucket{", "route=\"/v1/posts/{postId}/counts\"");
        assertThat(buckets).hasSize(14);
        assertThat(buckets).anyMatch(line -> line.contains("le=\"0.001\""))
                .anyMatch(line -> line.contains("le=\"10.0\""))
                .anyMatch(line -> line.contains("le=\"+Inf\""));
    }

    @Test
    void shouldAnswerAScrapeInThePrometheusTextFormat() {
        try (Http1ClientResponse res = client.get(ServiceMetrics.PATH).request()) {
            assertThat(res.status()).isEqualTo(Status.OK_200);
            assertThat(res.headers().first(HeaderNames.CONTENT_TYPE)).hasValue(ServiceMetrics.CONTENT_TYPE);
            assertThat(res.as(String.class)).contains("# TYPE http_server_requests_seconds histogram");
        }
    }

    @Test
    void shouldPublishJvmMetersTaggedWithTheService() {
        String scrape = scrape();

        assertThat(scrape).contains("jvm_memory_used_bytes{", "jvm_gc_", "jvm_threads_live_threads{",
                "jvm_classes_loaded_classes{", "process_cpu_usage{", "process_uptime_seconds{");
        assertThat(lines("jvm_memory_used_bytes{")).allMatch(line -> line.contains("service=\"metrics-test\""));
    }

    @Test
    void shouldPublishAMeterTheServiceAddsItself() {
        METRICS.registry().counter("pulse.test.deliveries", "kind", "like").increment(3);

        assertThat(lines("pulse_test_deliveries_total{")).singleElement().asString()
                .contains("kind=\"like\"", "service=\"metrics-test\"").endsWith(" 3.0");
    }

    /** The status the client saw; the filter records after the response is sent, hence the awaits. */
    private Status get(String path) {
        try (Http1ClientResponse res = client.get(path).request()) {
            return res.status();
        }
    }

    private static ConditionFactory eventually() {
        return await().atMost(DEADLINE).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(10));
    }

    private String scrape() {
        try (Http1ClientResponse res = client.get(ServiceMetrics.PATH).request()) {
            return res.as(String.class);
        }
    }

    private List<String> lines(String prefix, String... fragments) {
        return scrape().lines()
                .filter(line -> line.startsWith(prefix))
                .filter(line -> Arrays.stream(fragments).allMatch(line::contains))
                .toList();
    }

    /** The request count of the one series whose labels contain {@code labels}, 0 when it is not there yet. */
    private double count(String labels) {
        List<String> series = lines("http_server_requests_seconds_count{", labels);
        assertThat(series).hasSizeLessThanOrEqualTo(1);
        return series.stream().mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
                .sum();
    }
}
