package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

class HttpMetricsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

    @Test
    void shouldReuseOneTimerPerMethodRouteAndStatus() {
        HttpMetrics metrics = new HttpMetrics(registry);

        Timer first = metrics.timer("GET", "/v1/posts/{postId}/counts", 200);
        Timer again = metrics.timer("GET", "/v1/posts/{postId}/counts", 200);

        assertThat(again).isSameAs(first);
        assertThat(metrics.timer("GET", "/v1/posts/{postId}/counts", 503)).isNotSameAs(first);
    }

    @Test
    void shouldCountNewRoutesAsOverflowOnceTheSeriesLimitIsReached() {
        HttpMetrics metrics = new HttpMetrics(registry, 2);
        metrics.timer("GET", "/v1/a", 200);
        metrics.timer("GET", "/v1/b", 200);

        Timer third = metrics.timer("GET", "/v1/tenants/acme/c", 200);

        assertThat(third.getId().getTag("route")).isEqualTo(HttpMetrics.OVERFLOW);
        assertThat(third.getId().getTag("status")).isEqualTo("200");
        assertThat(metrics.timer("GET", "/v1/a", 200).getId().getTag("route")).isEqualTo("/v1/a");
    }
}
