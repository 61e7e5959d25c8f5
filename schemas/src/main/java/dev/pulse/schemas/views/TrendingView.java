package dev.pulse.schemas.views;

import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * The trending snapshot as the query API answers it, as an instance reads the owner's answer back, and
 * as the edge reads a first value and writes a live one:
 * no times and no entries before anything trended.
 */
public record TrendingView(Instant computedAt, Long windowMillis, List<Entry> entries) {

    public static TrendingView of(TrendingSnapshot snapshot) {
        return snapshot == null ? new TrendingView(null, null, List.of())
                : new TrendingView(snapshot.getComputedAt(), snapshot.getWindowMillis(),
                        snapshot.getEntries().stream().map(Entry::of).toList());
    }

    /** One ranked post; likes and comments inside the window. */
    public record Entry(int rank, String postId, double score, long likes, long comments) {

        public static Entry of(TrendingEntry e) {
            return new Entry(e.getRank(), e.getPostId(), e.getScore(), e.getLikes(), e.getComments());
        }
    }
}
