package dev.pulse.schemas;

import java.util.List;
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
            ReadEvent.class,
            UserSettings.class,
            PostCounts.class,
            UserCounts.class,
            TrendingSnapshot.class,
            Notification.class,
            Signal.class);

    private SchemaCatalogue() {
    }

    /** The record types written to topics, in a stable order. */
    public static List<Class<? extends SpecificRecord>> topicRecords() {
        return TOPIC_RECORDS;
    }
}
