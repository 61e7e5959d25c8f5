package dev.pulse.processor.topology;

import dev.pulse.schemas.kafka.KeyRule;
import dev.pulse.schemas.kafka.Topic;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Guards the rule that keeps every user's state in one task: an event must be keyed by the user
 * whose state it changes (a post's author, the followee, the reader), as its topic's {@link KeyRule}
 * says and {@code EventPublisher} writes it. An event under any other key would be counted and
 * numbered in a task that does not own that user, so it is refused: it goes to the dead-letter topic
 * unchanged, with the reason in its headers, to be republished under the right key. Events with no
 * value (tombstones) are not events and are dropped.
 */
final class OwnerKeys {

    private OwnerKeys() {
    }

    /**
     * {@code events} of {@code topic}, each checked against the topic's {@link KeyRule}; a record under
     * another key fails with a {@link MisroutedEventException}, which sends it to the dead letters.
     */
    static <V> KStream<String, V> requireOwnerKey(KStream<String, V> events, Topic<String, V> topic) {
        String node = topic.name().replace('.', '-');
        return events.filter((key, event) -> event != null, Named.as(node + "-events"))
                .processValues(() -> new ContextualFixedKeyProcessor<String, V, V>() {
                    @Override
                    public void process(FixedKeyRecord<String, V> record) {
                        String expected = topic.keyOf(record.value());
                        if (!expected.equals(record.key())) {
                            throw new MisroutedEventException(topic, record.key(), expected);
                        }
                        context().forward(record);
                    }
                }, Named.as(node + "-owner-key-check"));
    }

    /** An event keyed by someone other than its owner; its message says which key it needs. */
    static final class MisroutedEventException extends RuntimeException {
        MisroutedEventException(Topic<String, ?> topic, String key, String expected) {
            super("A record on " + topic.name() + " is keyed '" + key + "' but records there must be keyed by "
                    + topic.keyRule() + " ('" + expected + "'), so that each user's state stays in one task;"
                    + " republish it with that key");
        }
    }
}
