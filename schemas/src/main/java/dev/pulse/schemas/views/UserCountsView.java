package dev.pulse.schemas.views;

import dev.pulse.schemas.UserCounts;
import java.time.Instant;

/**
 * One user's counts as the query API answers them, as an instance reads another's answer back, and as
 * the edge reads a first value and writes a live one:
 * zeros and no {@code updatedAt} for a user nobody followed or liked.
 */
public record UserCountsView(String userId, long followers, long following, long likesReceived, Instant updatedAt) {

    public static UserCountsView of(String userId, UserCounts counts) {
        return counts == null ? new UserCountsView(userId, 0, 0, 0, null)
                : new UserCountsView(userId, counts.getFollowers(), counts.getFollowing(), counts.getLikesReceived(),
                        counts.getUpdatedAt());
    }
}
