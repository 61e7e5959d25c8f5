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
    /** RecipientState per userId: last seq, unread count, backlog size, dropped ranges. */
    public static final String RECIPIENTS = "recipients";
    /** Unread notifications, key {@code userId NUL seq(19 digits)}. */
    public static final String BACKLOG = "backlog";
    /** Open collapse groups, key {@code userId NUL groupKey}. */
    public static final String GROUPS = "groups";
    /** Distinct actors of open groups, key {@code userId NUL groupKey NUL actorId}. */
    public static final String GROUP_ACTORS = "group-actors";

    private StoreNames() {
    }
}
