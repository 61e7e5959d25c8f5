package dev.pulse.processor.query;

import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON shapes of the query API, built from the stores' Avro records. */
final class Views {

    private Views() {
    }

    static Map<String, Object> postCounts(String postId, PostCounts counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("postId", postId);
        view.put("likes", counts == null ? 0 : counts.getLikes());
        view.put("comments", counts == null ? 0 : counts.getComments());
        view.put("updatedAt", counts == null ? null : counts.getUpdatedAt());
        return view;
    }

    static Map<String, Object> userCounts(String userId, UserCounts counts) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("userId", userId);
        view.put("followers", counts == null ? 0 : counts.getFollowers());
        view.put("following", counts == null ? 0 : counts.getFollowing());
        view.put("likesReceived", counts == null ? 0 : counts.getLikesReceived());
        view.put("updatedAt", counts == null ? null : counts.getUpdatedAt());
        return view;
    }

    static Map<String, Object> trending(TrendingSnapshot snapshot) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("computedAt", snapshot == null ? null : snapshot.getComputedAt());
        view.put("windowMillis", snapshot == null ? null : snapshot.getWindowMillis());
        List<Map<String, Object>> entries = snapshot == null ? List.of()
                : snapshot.getEntries().stream().map(Views::entry).toList();
        view.put("entries", entries);
        return view;
    }

    private static Map<String, Object> entry(TrendingEntry e) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("rank", e.getRank());
        view.put("postId", e.getPostId());
        view.put("score", e.getScore());
        view.put("likes", e.getLikes());
        view.put("comments", e.getComments());
        return view;
    }
}
