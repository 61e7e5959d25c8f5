package dev.pulse.processor.topology;

/**
 * Names of every state store. Interactive queries and tests use these constants; changelog topic
 * names are derived by Kafka Streams from them and the application id, never written by hand.
 */
public final class StoreNames {

    public static final String DEDUP_MESSAGES = "dedup-messages";
    public static final String DEDUP_READS = "dedup-reads";

    public static final String LIKE_MEMBERSHIP = "like-membership";
    public static final String COMMENT_MEMBERSHIP = "comment-membership";
    public static final String FOLLOW_MEMBERSHIP = "follow-membership";

    /** PostCounts per postId. */
    public static final String POST_COUNTS = "post-counts";
    /** UserCounts per userId. */
    public static final String USER_COUNTS = "user-counts";

    /** UserSettings per userId, from the compacted settings topic. */
    public static final String USER_SETTINGS = "user-settings";
    /** InboxUser per userId: numbering, epoch, counts, what the cap dropped. */
    public static final String INBOX_USERS = "inbox-users";
    /** The inbox's notifications with their states, key {@code userId NUL seq(19 digits)}. */
    public static final String INBOX_ENTRIES = "inbox-entries";
    /** Where each notification is, key {@code userId NUL notificationId}. */
    public static final String INBOX_REFS = "inbox-refs";
    /** The notification each group collapses into, key {@code userId NUL groupKey}. */
    public static final String INBOX_OPEN_GROUPS = "inbox-open-groups";
    /** What counts in each notification, key {@code userId NUL groupKey NUL contributionId}. */
    public static final String INBOX_CONTRIBUTIONS = "inbox-contributions";
    /**
     * How many comments or messages each actor has in each notification (likes and follows are one per
     * actor), key {@code userId NUL notificationId NUL actorId}.
     */
    public static final String INBOX_ACTORS = "inbox-actors";

    private StoreNames() {
    }
}
