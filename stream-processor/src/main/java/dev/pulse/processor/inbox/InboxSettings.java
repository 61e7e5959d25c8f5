package dev.pulse.processor.inbox;

import java.time.Duration;
import java.util.Arrays;
import java.util.Set;

/**
 * The inbox's tunables.
 *
 * @param size        notifications kept per user, read or not; older ones are dropped, and stay counted
 *                    while unread or unseen. Also how many drops and withdrawals are remembered for resuming.
 * @param actorsShown actors named in a collapsed notification ("Ana, Bo and 40 others")
 * @param settingsHistory how long older versions of users' settings are kept: a contribution up to this
 *                    much older than the newest settings change still meets the settings of its time
 * @param memoryStores inbox stores kept in memory instead of RocksDB, still changelogged; none by default.
 *                    Not a service setting: a seam for the processor bench to measure the trade-off.
 */
public record InboxSettings(int size, int actorsShown, Duration settingsHistory, Set<String> memoryStores) {

    public InboxSettings {
        if (size < 1 || actorsShown < 1 || settingsHistory.isNegative()) {
            throw new IllegalArgumentException("inbox size and actors shown must be at least 1, the history not negative");
        }
        memoryStores = Set.copyOf(memoryStores);
        if (!Arrays.asList(InboxStores.NAMES).containsAll(memoryStores)) {
            throw new IllegalArgumentException("memory stores must be inbox stores " + Arrays.toString(InboxStores.NAMES)
                    + ", got " + memoryStores);
        }
    }

    public InboxSettings(int size, int actorsShown, Duration settingsHistory) {
        this(size, actorsShown, settingsHistory, Set.of());
    }

    public InboxSettings(int size, int actorsShown) {
        this(size, actorsShown, Duration.ofDays(90));
    }

    public InboxSettings withMemoryStores(Set<String> stores) {
        return new InboxSettings(size, actorsShown, settingsHistory, stores);
    }

    public static InboxSettings defaults() {
        return new InboxSettings(200, 3);
    }
}
