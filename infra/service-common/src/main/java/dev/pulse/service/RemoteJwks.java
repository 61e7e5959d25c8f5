package dev.pulse.service;

import io.helidon.security.jwt.jwk.Jwk;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The keys of an identity provider's JWKS URL, cached and fetched again on a schedule and when a token
 * names a key id they lack, so keys rotate without a restart. Every fetch runs on one daemon thread,
 * at most one per cooldown, so tokens naming unknown keys cannot flood the identity provider. A failed
 * fetch keeps the keys from before and logs one WARN line.
 *
 * <p>The first fetch happens at start; if it fails the service starts anyway, as it does without Kafka,
 * and refuses every token until a fetch succeeds (retried every cooldown, and on a token's arrival).
 */
final class RemoteJwks implements SigningKeys {

    private static final Logger LOG = LoggerFactory.getLogger(RemoteJwks.class);
    /** Shortest retry while no keys are loaded, whatever the cooldown. */
    private static final Duration MIN_RETRY = Duration.ofSeconds(1);

    private final JwtSettings.JwksUrl source;
    private final JwksFetcher fetcher;
    private final LongSupplier nanoTime;
    private final ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().daemon().name("pulse-jwks-refresh").factory());
    private volatile Snapshot keys = Snapshot.EMPTY;
    private long lastFetchNanos;
    private Future<Snapshot> pending;

    RemoteJwks(JwtSettings.JwksUrl source) {
        this(source, System::nanoTime);
    }

    /** With {@code nanoTime} as the clock the cooldown is measured on. */
    RemoteJwks(JwtSettings.JwksUrl source, LongSupplier nanoTime) {
        this.source = Objects.requireNonNull(source, "source");
        this.nanoTime = nanoTime;
        this.fetcher = new JwksFetcher(source.url(), source.timeout());
        refresh();
        scheduleNext();
    }

    @Override
    public Snapshot current() {
        return keys;
    }

    /** Fetches unless a fetch started less than a cooldown ago; joins one under way. */
    @Override
    public Snapshot refreshed() {
        Future<Snapshot> fetch;
        synchronized (this) {
            if (pending == null || pending.isDone()) {
                if (nanoTime.getAsLong() - lastFetchNanos < source.cooldown().toNanos()) {
                    return keys;
                }
                pending = submit();
                if (pending == null) {
                    return keys;
                }
            }
            fetch = pending;
        }
        return await(fetch);
    }

    private Future<Snapshot> submit() {
        try {
            return refresher.submit(this::refresh);
        } catch (RejectedExecutionException e) {
            // Closed: the service is stopping.
            return null;
        }
    }

    private Snapshot await(Future<Snapshot> fetch) {
        try {
            return fetch.get(source.timeout().plus(MIN_RETRY).toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // refresh() reports its own failures; the keys from before still stand.
        }
        return keys;
    }

    private Snapshot refresh() {
        synchronized (this) {
            lastFetchNanos = nanoTime.getAsLong();
        }
        try {
            replaceKeys(fetcher.fetch());
        } catch (JwksFetcher.FetchFailedException e) {
            LOG.warn("JWKS refresh from {} failed: {}; {}", source.url(), e.getMessage(), keys.keys().isEmpty()
                    ? "no keys yet, so every token is refused until a fetch succeeds" : "keeping the keys from before");
        }
        return keys;
    }

    private void replaceKeys(List<Jwk> fetched) {
        Set<String> before = keyIds(keys.keys());
        keys = Snapshot.of(fetched);
        if (!before.equals(keyIds(fetched))) {
            LOG.info("JWKS from {}: key ids {}", source.url(), keyIds(fetched));
        }
    }

    private static Set<String> keyIds(List<Jwk> keys) {
        return keys.stream().map(key -> String.valueOf(key.keyId())).collect(Collectors.toCollection(TreeSet::new));
    }

    /** The next scheduled fetch: after the refresh interval, or soon while there are no keys. */
    private void scheduleNext() {
        Duration delay = keys.keys().isEmpty() ? max(source.cooldown(), MIN_RETRY) : source.refreshInterval();
        try {
            refresher.schedule(this::scheduledRefresh, delay.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException e) {
            // Closed: the service is stopping.
        }
    }

    private void scheduledRefresh() {
        try {
            refresh();
        } finally {
            scheduleNext();
        }
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }

    @Override
    public void close() {
        refresher.shutdownNow();
        fetcher.close();
    }
}
