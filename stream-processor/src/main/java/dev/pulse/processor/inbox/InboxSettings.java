package dev.pulse.processor.inbox;

/**
 * The inbox's tunables.
 *
 * @param size        notifications kept per user, read or not; older ones are dropped, and stay counted
 *                    while unread or unseen. Also how many drops and withdrawals are remembered for resuming.
 * @param actorsShown actors named in a collapsed notification ("Ana, Bo and 40 others")
 */
public record InboxSettings(int size, int actorsShown) {

    public InboxSettings {
        if (size < 1 || actorsShown < 1) {
            throw new IllegalArgumentException("inbox size and actors shown must be at least 1");
        }
    }

    public static InboxSettings defaults() {
        return new InboxSettings(200, 3);
    }
}
