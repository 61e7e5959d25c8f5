package dev.pulse.processor;

import dev.pulse.processor.topology.TopologySettings;
import dev.pulse.processor.trending.TrendingSettings;
import io.helidon.config.Config;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stream processor's own settings, read from {@code streams.*} and {@code processor.*} and
 * validated at start.
 *
 * @param advertisedHost  the host other instances use to reach this one's HTTP API (interactive queries)
 * @param cacheBytes      record cache: coalesces count updates to one per key per commit; 0 emits every change
 * @param extraProperties any further Kafka Streams property, from {@code streams.properties.*}
 */
public record ProcessorSettings(String applicationId, Path stateDir, int threads, int standbyReplicas,
                                Duration commitInterval, long cacheBytes, String advertisedHost,
                                TopologySettings topology, Map<String, String> extraProperties) {

    public static ProcessorSettings from(Config config, List<String> problems) {
        Config streams = config.get("streams");
        Config rules = config.get("processor");
        // Under a topic prefix the default id carries it too, so environments sharing a cluster never share state.
        String applicationId = streams.get("application.id").asString().asOptional().filter(id -> !id.isBlank())
                .orElseGet(() -> config.get("kafka.topic.prefix").asString().orElse("") + "pulse-processor");
        Path stateDir = streams.get("state.dir").asString().asOptional().filter(s -> !s.isBlank()).map(Path::of)
                .orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir"), "pulse-processor-state"));
        int threads = positive(streams.get("threads"), 1, "streams.threads", problems);
        int standbys = atLeastZero(streams.get("standby.replicas"), 0, "streams.standby.replicas", problems);
        int commitMs = positive(streams.get("commit.interval.ms"), 100, "streams.commit.interval.ms", problems);
        int cacheBytes = atLeastZero(streams.get("cache.bytes"), 4 * 1024 * 1024, "streams.cache.bytes", problems);
        String advertisedHost = streams.get("advertised.host").asString().asOptional().filter(s -> !s.isBlank())
                .orElseGet(() -> defaultAdvertisedHost(config.get("server.host").asString().orElse("0.0.0.0")));

        int dedupHours = positive(rules.get("dedup.retention.hours"), 24 * 7, "processor.dedup.retention.hours", problems);
        int backlog = positive(rules.get("backlog.size"), 100, "processor.backlog.size", problems);
        int actors = positive(rules.get("actors.shown"), 3, "processor.actors.shown", problems);
        TrendingSettings trendingDefaults = TrendingSettings.defaults();
        Config trending = rules.get("trending");
        int k = positive(trending.get("k"), trendingDefaults.k(), "processor.trending.k", problems);
        int windowMinutes = positive(trending.get("window.minutes"), (int) trendingDefaults.window().toMinutes(),
                "processor.trending.window.minutes", problems);
        int refreshSeconds = positive(trending.get("refresh.seconds"), (int) trendingDefaults.refresh().toSeconds(),
                "processor.trending.refresh.seconds", problems);
        double likeWeight = weight(trending.get("weights.likes"), trendingDefaults.likeWeight(),
                "processor.trending.weights.likes", problems);
        double commentWeight = weight(trending.get("weights.comments"), trendingDefaults.commentWeight(),
                "processor.trending.weights.comments", problems);
        Map<String, String> extra = new LinkedHashMap<>(streams.get("properties").detach().asMap().orElse(Map.of()));
        if (!problems.isEmpty()) {
            return null;
        }
        TrendingSettings trendingSettings = new TrendingSettings(k, Duration.ofMinutes(windowMinutes),
                Duration.ofSeconds(refreshSeconds), likeWeight, commentWeight);
        return new ProcessorSettings(applicationId, stateDir, threads, standbys, Duration.ofMillis(commitMs),
                cacheBytes, advertisedHost,
                new TopologySettings(Duration.ofHours(dedupHours), backlog, actors, trendingSettings), extra);
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

    private static int positive(Config node, int defaultValue, String key, List<String> problems) {
        return number(node, defaultValue, key, 1, problems);
    }

    private static int atLeastZero(Config node, int defaultValue, String key, List<String> problems) {
        return number(node, defaultValue, key, 0, problems);
    }

    private static int number(Config node, int defaultValue, String key, int min, List<String> problems) {
        if (!node.exists()) {
            return defaultValue;
        }
        String raw = node.asString().orElse("");
        try {
            int value = Integer.parseInt(raw.strip());
            if (value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": must be a whole number >= " + min + ", was '" + raw + "'");
        return defaultValue;
    }

    private static double weight(Config node, double defaultValue, String key, List<String> problems) {
        if (!node.exists()) {
            return defaultValue;
        }
        String raw = node.asString().orElse("");
        try {
            double value = Double.parseDouble(raw.strip());
            if (value >= 0 && Double.isFinite(value)) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": must be a number >= 0, was '" + raw + "'");
        return defaultValue;
    }
}
