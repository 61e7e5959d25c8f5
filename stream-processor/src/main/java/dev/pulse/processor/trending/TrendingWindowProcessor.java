package dev.pulse.processor.trending;

import dev.pulse.processor.state.Engagement;
import dev.pulse.processor.state.TrendingCandidate;
import dev.pulse.processor.state.TrendingCounts;
import dev.pulse.processor.state.TrendingPartial;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * One partition's sliding window: adds each engagement change to its post's time bucket and running
 * total, and every refresh of wall-clock time expires the buckets that left the window and forwards
 * this partition's top K (when it changed) under the single key "global".
 *
 * <p>An event counts by its {@code occurredAt} (not the record timestamp), into the bucket
 * {@code [b, b + bucket)} holding it; a bucket is dropped at the first refresh where
 * {@code b + bucket <= now - window}, {@code now} being wall-clock time. So an event counts for at least
 * the window after it happened and stops counting at most one bucket plus one refresh later. Events
 * already outside the window when they arrive (replays, late data) are ignored.
 */
final class TrendingWindowProcessor implements Processor<String, Engagement, String, TrendingPartial> {

    private static final char SEPARATOR = '\u0000';
    private static final int TIME_DIGITS = 19;

    private final TrendingSettings settings;
    private final long windowMillis;
    private final long bucketMillis;
    private ProcessorContext<String, TrendingPartial> context;
    private KeyValueStore<String, TrendingCounts> buckets;
    /**
     * Net counts per post over all live buckets, kept in memory only: they are a function of the
     * bucket store, so they are rebuilt from it on init (after restore) instead of logged on every event.
     */
    private final Map<String, long[]> totals = new HashMap<>();
    /** Totals changed since the last ranking; true after (re)start so the first refresh ranks. */
    private boolean dirty = true;
    /** What this task last forwarded; null until the first forward of this instance. */
    private List<TrendingCandidate> lastForwarded;

    TrendingWindowProcessor(TrendingSettings settings) {
        this.settings = settings;
        this.windowMillis = settings.window().toMillis();
        this.bucketMillis = TrendingTopology.bucketSize(settings).toMillis();
    }

    @Override
    public void init(ProcessorContext<String, TrendingPartial> context) {
        this.context = context;
        this.buckets = context.getStateStore(TrendingStores.BUCKETS);
        totals.clear();
        try (KeyValueIterator<String, TrendingCounts> all = buckets.all()) {
            all.forEachRemaining(bucket -> addTotal(bucket.key.substring(TIME_DIGITS + 1), bucket.value.getLikes(),
                    bucket.value.getComments()));
        }
        context.schedule(settings.refresh(), PunctuationType.WALL_CLOCK_TIME, this::refresh);
    }

    @Override
    public void process(Record<String, Engagement> record) {
        Engagement change = record.value();
        if (change == null || (change.getLikes() == 0 && change.getComments() == 0)) {
            return;
        }
        long bucket = Math.floorDiv(change.getOccurredAt().toEpochMilli(), bucketMillis) * bucketMillis;
        if (bucket < 0 || expired(bucket, context.currentSystemTimeMs())) {
            return;
        }
        String postId = change.getPostId();
        addToBucket(bucketKey(bucket, postId), change.getLikes(), change.getComments());
        addTotal(postId, change.getLikes(), change.getComments());
        dirty = true;
    }

    private void refresh(long now) {
        expire(now);
        if (!dirty && lastForwarded != null) {
            return;
        }
        dirty = false;
        List<TrendingCandidate> top = TrendingRanking.top(totals, settings);
        if (top.equals(lastForwarded)) {
            return;
        }
        lastForwarded = top;
        TrendingPartial partial = new TrendingPartial(context.taskId().partition(), Instant.ofEpochMilli(now), top);
        context.forward(new Record<>(Topics.TRENDING_KEY, partial, now));
    }

    /** Deletes every bucket that left the window and takes it off its post's total. */
    private void expire(long now) {
        long cutoff = now - windowMillis;
        // The bucket holding the cutoff ends after it, so it is the first live one; all before it expired.
        long firstLive = Math.floorDiv(cutoff, bucketMillis) * bucketMillis;
        if (firstLive <= 0) {
            return;
        }
        // Keys are "time NUL postId"; the bare prefix of the first live bucket sorts before all its keys.
        List<KeyValue<String, TrendingCounts>> gone = new ArrayList<>();
        try (KeyValueIterator<String, TrendingCounts> range = buckets.range(timePrefix(0), timePrefix(firstLive))) {
            range.forEachRemaining(gone::add);
        }
        for (KeyValue<String, TrendingCounts> bucket : gone) {
            buckets.delete(bucket.key);
            addTotal(bucket.key.substring(TIME_DIGITS + 1), -bucket.value.getLikes(), -bucket.value.getComments());
        }
        if (!gone.isEmpty()) {
            dirty = true;
        }
    }

    private boolean expired(long bucket, long now) {
        return bucket + bucketMillis <= now - windowMillis;
    }

    private void addToBucket(String key, long likes, long comments) {
        TrendingCounts current = buckets.get(key);
        long nextLikes = (current == null ? 0 : current.getLikes()) + likes;
        long nextComments = (current == null ? 0 : current.getComments()) + comments;
        if (nextLikes == 0 && nextComments == 0) {
            buckets.delete(key);
        } else {
            buckets.put(key, new TrendingCounts(nextLikes, nextComments));
        }
    }

    private void addTotal(String postId, long likes, long comments) {
        long[] total = totals.computeIfAbsent(postId, id -> new long[2]);
        total[0] += likes;
        total[1] += comments;
        if (total[0] == 0 && total[1] == 0) {
            totals.remove(postId);
        }
    }

    static String bucketKey(long bucketStart, String postId) {
        return timePrefix(bucketStart) + SEPARATOR + postId;
    }

    private static String timePrefix(long millis) {
        String digits = Long.toString(millis);
        return "0".repeat(TIME_DIGITS - digits.length()) + digits;
    }
}
