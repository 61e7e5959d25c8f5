package dev.pulse.processor.topology;

import dev.pulse.processor.trending.TrendingSettings;
import java.time.Duration;

/**
 * The rules' tunables.
 *
 * @param dedupRetention how long an eventId is remembered to drop repeats
 * @param backlogSize    unread notifications kept per user; older ones are dropped and counted
 * @param actorsShown    actors named in a collapsed notification ("Ana, Bo and 40 others")
 */
public record TopologySettings(Duration dedupRetention, int backlogSize, int actorsShown, TrendingSettings trending) {

    public static TopologySettings defaults() {
        return new TopologySettings(Duration.ofDays(7), 100, 3, TrendingSettings.defaults());
    }

    public TopologySettings withBacklogSize(int size) {
        return new TopologySettings(dedupRetention, size, actorsShown, trending);
    }

    public TopologySettings withTrending(TrendingSettings settings) {
        return new TopologySettings(dedupRetention, backlogSize, actorsShown, settings);
    }
}
