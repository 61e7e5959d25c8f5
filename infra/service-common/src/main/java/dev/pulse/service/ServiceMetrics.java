package dev.pulse.service;

import io.helidon.http.Header;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.webserver.http.Filter;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.jvm.ClassLoaderMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmGcMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmMemoryMetrics;
import io.micrometer.core.instrument.binder.jvm.JvmThreadMetrics;
import io.micrometer.core.instrument.binder.system.ProcessorMetrics;
import io.micrometer.core.instrument.binder.system.UptimeMetrics;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.nio.charset.StandardCharsets;

/**
 * One service's meters and its {@code GET /metrics} answer in the Prometheus text format, set up once here
 * so every service exposes the same JVM, process and HTTP series. Every series carries
 * {@code service=<name>}; a service adds its own meters to {@link #registry()}. Closing it detaches the
 * GC listeners, so a JVM that starts and stops services (tests, the launcher) does not leak them.
 */
public final class ServiceMetrics implements AutoCloseable {

    public static final String PATH = "/metrics";
    /** The Prometheus text format 0.0.4, which {@link PrometheusMeterRegistry#scrape()} writes. */
    public static final String CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";

    private static final Header CONTENT_TYPE_HEADER = HeaderValues.create(HeaderNames.CONTENT_TYPE, CONTENT_TYPE);

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final JvmGcMetrics gc = new JvmGcMetrics();
    private final HttpMetrics http;

    public ServiceMetrics(String serviceName) {
        registry.config().commonTags("service", serviceName);
        new JvmMemoryMetrics().bindTo(registry);
        gc.bindTo(registry);
        new JvmThreadMetrics().bindTo(registry);
        new ClassLoaderMetrics().bindTo(registry);
        new ProcessorMetrics().bindTo(registry);
        new UptimeMetrics().bindTo(registry);
        http = new HttpMetrics(registry);
    }

    /** Where the service registers its own meters; they appear on the next scrape. */
    public MeterRegistry registry() {
        return registry;
    }

    /** The filter timing every request; register it before any other filter. */
    public Filter httpFilter() {
        return http;
    }

    /** Answers a scrape with every meter in the Prometheus text format; a Helidon {@code Handler}. */
    public void scrape(ServerRequest req, ServerResponse res) {
        res.header(CONTENT_TYPE_HEADER);
        res.send(registry.scrape().getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public void close() {
        gc.close();
        registry.close();
    }
}
