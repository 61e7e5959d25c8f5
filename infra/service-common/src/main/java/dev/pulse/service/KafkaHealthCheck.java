package dev.pulse.service;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * Kafka is reachable: the cluster answers a metadata request within a short timeout. The answer is
 * cached briefly so frequent probes do not turn into a request storm against the brokers.
 */
public final class KafkaHealthCheck implements HealthCheck, AutoCloseable {

    private static final Duration TIMEOUT = Duration.ofSeconds(2);
    private static final Duration CACHE = Duration.ofSeconds(2);

    private final Admin admin;
    private final String bootstrapServers;
    private final Clock clock = Clock.systemUTC();
    private Result last;
    private Instant lastAt = Instant.MIN;

    public KafkaHealthCheck(KafkaSettings kafka) {
        Map<String, Object> config = new HashMap<>(kafka.clientConfig());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) TIMEOUT.toMillis());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, "pulse-health");
        this.admin = Admin.create(config);
        this.bootstrapServers = kafka.bootstrapServers();
    }

    @Override
    public synchronized Result check() {
        Instant now = clock.instant();
        if (last != null && lastAt.plus(CACHE).isAfter(now)) {
            return last;
        }
        last = probe();
        lastAt = now;
        return last;
    }

    private Result probe() {
        try {
            int brokers = admin.describeCluster().nodes().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS).size();
            return Result.up(brokers + " broker(s) at " + bootstrapServers);
        } catch (ExecutionException | TimeoutException e) {
            return Result.down("no answer from " + bootstrapServers + " within " + TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Result.down("interrupted");
        }
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
