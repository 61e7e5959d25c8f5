package dev.pulse.processor.inbox;

/**
 * The keys of the inbox stores: the user first, then NUL-separated parts, so one user's keys form one
 * range and a seq (19 digits, zero-padded) sorts numerically. The one place these keys are written.
 */
public final class InboxKeys {

    private static final char SEP = '\u0000';
    private static final String END = "\uffff";
    private static final int SEQ_DIGITS = 19;

    private InboxKeys() {
    }

    /** Key of a user's notification at {@code seq} in the entries store. */
    public static String entry(String user, long seq) {
        String digits = Long.toString(seq);
        StringBuilder key = new StringBuilder(user.length() + 1 + SEQ_DIGITS).append(user).append(SEP);
        key.repeat('0', SEQ_DIGITS - digits.length());
        return key.append(digits).toString();
    }

    /** The first key of every store range of {@code user}. */
    public static String first(String user) {
        return user + SEP;
    }

    /** A key past every key that starts with {@code prefix}. */
    public static String last(String prefix) {
        return prefix + END;
    }

    /** Key of where a notification is, in the refs store. */
    public static String ref(String user, String notificationId) {
        return user + SEP + notificationId;
    }

    static String openGroup(String user, String groupKey) {
        return user + SEP + groupKey;
    }

    static String contribution(String user, String groupKey, String contributionId) {
        return contributionsOf(user, groupKey) + contributionId;
    }

    static String contributionsOf(String user, String groupKey) {
        return user + SEP + groupKey + SEP;
    }

    static String actor(String user, String notificationId, String actorId) {
        return actorsOf(user, notificationId) + actorId;
    }

    static String actorsOf(String user, String notificationId) {
        return user + SEP + notificationId + SEP;
    }
}
