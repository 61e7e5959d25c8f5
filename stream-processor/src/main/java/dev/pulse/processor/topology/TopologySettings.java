package dev.pulse.processor.topology;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.processor.trending.TrendingSettings;
import java.time.Duration;

/**
 * The rules' tunables.
 *
 * @param dedupRetention how long an eventId is remembered to drop repeats
 * @param inbox          the inbox's size and how many actors a notification names
 * @param trending       the trending windows and list
 */
public record TopologySettings(Duration dedupRetention, InboxSettings inbox, TrendingSettings trending) {

    public static TopologySettings defaults() {
        return new TopologySettings(Duration.ofDays(7), InboxSettings.defaults(), TrendingSettings.defaults());
    }

    public TopologySettings withInbox(InboxSettings settings) {
        return new TopologySettings(dedupRetention, settings, trending);
    }

    public TopologySettings withTrending(TrendingSettings settings) {
        return new TopologySettings(dedupRetention, inbox, settings);
    }
}
