package dev.pulse.processor.query;

import dev.pulse.schemas.PostCounts;
import java.time.Instant;

/**
 * One post's counts as the query API answers them, and as an instance reads another's answer back:
 * zeros and no {@code updatedAt} for a post nobody engaged with.
 */
record PostCountsView(String postId, long likes, long comments, Instant updatedAt) {

    static PostCountsView of(String postId, PostCounts counts) {
        return counts == null ? new PostCountsView(postId, 0, 0, null)
                : new PostCountsView(postId, counts.getLikes(), counts.getComments(), counts.getUpdatedAt());
    }
}
