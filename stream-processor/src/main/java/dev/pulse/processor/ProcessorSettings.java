package dev.pulse.processor;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.processor.topology.TopologySettings;
import dev.pulse.processor.trending.TrendingSettings;
import dev.pulse.service.Settings;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The stream processor's own settings, read from {@code streams.*} and {@code processor.*} and
 * validated at start.
 *
 * @param failover        how soon a dead instance's tasks run elsewhere, and on how warm a copy of its stores
 * @param advertisedHost  the host other instances use to reach this one's HTTP API (interactive queries)
 * @param cacheBytes      record cache: coalesces count updates to one per key per commit; 0 emits every change
 * @param extraProperties any further Kafka Streams property, from {@code streams.properties.*}
 */
public record ProcessorSettings(String applicationId, Path stateDir, int threads, FailoverSettings failover,
                                Duration commitInterval, long cacheBytes, String advertisedHost,
                                TopologySettings topology, Map<String, String> extraProperties) {

    /** Reads {@code streams.*} and {@code processor.*}, adding any problem to {@code settings}. */
    public static ProcessorSettings read(Settings settings) {
        String applicationId = settings.optionalText("streams.application.id")
                .orElseGet(() -> defaultApplicationId(settings.optionalText("kafka.topic.prefix").orElse("")));
        Path stateDir = settings.optionalText("streams.state.dir").map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "pulse-processor-state"));
        int threads = settings.integer("streams.threads", 1, 64);
        int commitMs = settings.integer("streams.commit.interval.ms", 1, 600_000);
        long cacheBytes = settings.whole("streams.cache.bytes", 0, Long.MAX_VALUE);
        String advertisedHost = settings.optionalText("streams.advertised.host")
                .orElseGet(() -> defaultAdvertisedHost(settings.text("server.host")));
        TrendingSettings trending = new TrendingSettings(settings.integer("processor.trending.k", 1, 1_000),
                Duration.ofMinutes(settings.integer("processor.trending.window.minutes", 1, 7 * 24 * 60)),
                settings.seconds("processor.trending.refresh.seconds", 1, 3_600),
                settings.decimal("processor.trending.weights.likes", 0),
                settings.decimal("processor.trending.weights.comments", 0));
        TopologySettings topology = new TopologySettings(
                Duration.ofHours(settings.integer("processor.dedup.retention.hours", 1, 24 * 365)),
                new InboxSettings(settings.integer("processor.inbox.size", 1, 10_000),
                        settings.integer("processor.actors.shown", 1, 100),
                        Duration.ofDays(settings.integer("processor.settings.history.days", 1, 3_650))), trending);
        Map<String, String> extraProperties = settings.properties("streams.properties");
        FailoverSettings failover = FailoverSettings.read(settings, Duration.ofMillis(commitMs), extraProperties);
        return new ProcessorSettings(applicationId, stateDir, threads, failover, Duration.ofMillis(commitMs),
                cacheBytes, advertisedHost, topology, extraProperties);
    }

    /**
     * The application id used when {@code streams.application.id} is empty. Under a topic prefix it carries
     * the prefix too, so environments sharing a cluster never share state; the rebuild command uses the same rule.
     */
    public static String defaultApplicationId(String topicPrefix) {
        return topicPrefix + "pulse-processor";
    }

    private static String defaultAdvertisedHost(String bindHost) {
        if (!bindHost.equals("0.0.0.0") && !bindHost.equals("::")) {
            return bindHost;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "localhost";
        }
    }
}
