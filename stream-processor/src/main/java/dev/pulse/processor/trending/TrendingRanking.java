package dev.pulse.processor.trending;

import dev.pulse.processor.state.TrendingCandidate;
import dev.pulse.schemas.TrendingEntry;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;

/**
 * The pure parts of trending: scoring, one partition's top K and the merge of partitions' lists into
 * the global ranking. Best first means the higher score first, ties broken by the smaller postId.
 */
final class TrendingRanking {

    static final Comparator<TrendingCandidate> BEST_FIRST = Comparator
            .comparingDouble(TrendingCandidate::getScore).reversed()
            .thenComparing(TrendingCandidate::getPostId);

    private TrendingRanking() {
    }

    static double score(TrendingSettings settings, long likes, long comments) {
        return settings.likeWeight() * likes + settings.commentWeight() * comments;
    }

    /**
     * The best {@code settings.k()} posts among running totals (postId to likes and comments), best first. Only posts with a
     * positive score rank: a post whose net in-window engagement is zero or negative is not trending.
     * Keeps a heap of k, so the cost is one pass over the totals and memory O(k).
     */
    static List<TrendingCandidate> top(Map<String, long[]> totals, TrendingSettings settings) {
        int k = settings.k();
        PriorityQueue<TrendingCandidate> worstFirst = new PriorityQueue<>(k + 1, BEST_FIRST.reversed());
        for (Map.Entry<String, long[]> total : totals.entrySet()) {
            long likes = total.getValue()[0];
            long comments = total.getValue()[1];
            double score = score(settings, likes, comments);
            if (score > 0) {
                worstFirst.add(new TrendingCandidate(total.getKey(), score, likes, comments));
                if (worstFirst.size() > k) {
                    worstFirst.poll();
                }
            }
        }
        List<TrendingCandidate> best = new ArrayList<>(worstFirst);
        best.sort(BEST_FIRST);
        return best;
    }

    /**
     * The global top {@code k} of the partitions' lists, ranked from 1. All of a post's engagement is on one
     * partition (its author's), so each post is normally in one list and the union of each partition's top
     * k holds the global top k;
     * should a post appear in several lists (its key moved partitions), its counts and scores are summed.
     */
    static List<TrendingEntry> merge(Collection<? extends List<TrendingCandidate>> lists, int k) {
        Map<String, TrendingCandidate> byPost = new LinkedHashMap<>();
        for (List<TrendingCandidate> list : lists) {
            for (TrendingCandidate c : list) {
                byPost.merge(c.getPostId(), c, (a, b) -> new TrendingCandidate(a.getPostId(),
                        a.getScore() + b.getScore(), a.getLikes() + b.getLikes(), a.getComments() + b.getComments()));
            }
        }
        List<TrendingCandidate> all = new ArrayList<>(byPost.values());
        all.removeIf(c -> !(c.getScore() > 0));
        all.sort(BEST_FIRST);
        List<TrendingEntry> ranked = new ArrayList<>(Math.min(k, all.size()));
        for (TrendingCandidate c : all.subList(0, Math.min(k, all.size()))) {
            ranked.add(new TrendingEntry(ranked.size() + 1, c.getPostId(), c.getScore(), c.getLikes(),
                    c.getComments()));
        }
        return ranked;
    }
}
