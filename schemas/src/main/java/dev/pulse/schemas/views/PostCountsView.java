package dev.pulse.schemas.views;

import dev.pulse.schemas.PostCounts;
import java.time.Instant;

/**
 * One post's counts as the query API answers them, as an instance reads another's answer back, and as
 * the edge reads a first value and writes a live one:
 * zeros and no {@code updatedAt} for a post nobody engaged with.
 */
public record PostCountsView(String postId, long likes, long comments, Instant updatedAt) {

    public static PostCountsView of(String postId, PostCounts counts) {
        return counts == null ? new PostCountsView(postId, 0, 0, null)
                : new PostCountsView(postId, counts.getLikes(), counts.getComments(), counts.getUpdatedAt());
    }
}
