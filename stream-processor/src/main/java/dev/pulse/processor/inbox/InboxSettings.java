package dev.pulse.processor.inbox;

import java.time.Duration;

/**
 * The inbox's tunables.
 *
 * @param size        notifications kept per user, read or not; older ones are dropped, and stay counted
 *                    while unread or unseen. Also how many drops and withdrawals are remembered for resuming.
 * @param actorsShown actors named in a collapsed notification ("Ana, Bo and 40 others")
 * @param settingsHistory how long older versions of users' settings are kept: a contribution up to this
 *                    much older than the newest settings change still meets the settings of its time
 */
public record InboxSettings(int size, int actorsShown, Duration settingsHistory) {

    public InboxSettings {
        if (size < 1 || actorsShown < 1 || settingsHistory.isNegative()) {
            throw new IllegalArgumentException("inbox size and actors shown must be at least 1, the history not negative");
        }
    }

    public InboxSettings(int size, int actorsShown) {
        this(size, actorsShown, Duration.ofDays(90));
    }

    public static InboxSettings defaults() {
        return new InboxSettings(200, 3);
    }
}
