package dev.pulse.schemas;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.specific.SpecificRecord;

/**
 * Every record type that is the value of a topic. The compatibility gate checks each of them
 * (and, through them, every nested type) against its released versions.
 */
public final class SchemaCatalogue {

    private static final List<Class<? extends SpecificRecord>> TOPIC_RECORDS = List.of(
            LikeEvent.class,
            CommentEvent.class,
            FollowEvent.class,
            DirectMessage.class,
            InboxAction.class,
            UserSettings.class,
            PostCounts.class,
            UserCounts.class,
            TrendingSnapshot.class,
            InboxRecord.class,
            Signal.class);

    /**
     * Records that replaced another on the same topic with a change its readers could not take (a new
     * version, in the gate's words), by the simple name of the record they replaced: their serdes also
     * read every released version of it, and the gate checks that they can.
     */
    private static final Map<Class<? extends SpecificRecord>, String> SUCCEEDS = Map.of(
            InboxAction.class, "ReadEvent");

    private SchemaCatalogue() {
    }

    /** The simple name of the record {@code type} succeeds on its topic, if any. */
    public static Optional<String> predecessorOf(Class<? extends SpecificRecord> type) {
        return Optional.ofNullable(SUCCEEDS.get(type));
    }

    /** The record types written to topics, in a stable order. */
    public static List<Class<? extends SpecificRecord>> topicRecords() {
        return TOPIC_RECORDS;
    }
}
