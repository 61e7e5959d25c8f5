package dev.pulse.processor.query;

import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import java.time.Instant;
import java.util.List;

/**
 * The trending snapshot as the query API answers it, and as an instance reads the owner's answer back:
 * no times and no entries before anything trended.
 */
record TrendingView(Instant computedAt, Long windowMillis, List<Entry> entries) {

    static TrendingView of(TrendingSnapshot snapshot) {
        return snapshot == null ? new TrendingView(null, null, List.of())
                : new TrendingView(snapshot.getComputedAt(), snapshot.getWindowMillis(),
                        snapshot.getEntries().stream().map(Entry::of).toList());
    }

    /** One ranked post; likes and comments inside the window. */
    record Entry(int rank, String postId, double score, long likes, long comments) {

        static Entry of(TrendingEntry e) {
            return new Entry(e.getRank(), e.getPostId(), e.getScore(), e.getLikes(), e.getComments());
        }
    }
}
