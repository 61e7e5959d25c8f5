package dev.pulse.processor.topology;

import java.util.function.Function;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.processor.api.ContextualFixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;

/**
 * Guards the rule that keeps every user's state in one task: an event must be keyed by the user
 * whose state it changes (a post's author, the followee, the reader), as {@code EventPublisher}
 * writes it. An event under any other key would be counted and numbered in a task that does not own
 * that user, so it is refused: it goes to the dead-letter topic unchanged, with the reason in its
 * headers, to be republished under the right key. Events with no value (tombstones) are not events
 * and are dropped.
 */
final class OwnerKeys {

    private OwnerKeys() {
    }

    static <V> KStream<String, V> byOwner(KStream<String, V> events, String topic, Function<V, String> owner,
                                          String ownerField) {
        return events.filter((key, event) -> event != null, Named.as(topic.replace('.', '-') + "-events"))
                .processValues(() -> new ContextualFixedKeyProcessor<String, V, V>() {
                    @Override
                    public void process(FixedKeyRecord<String, V> record) {
                        String expected = owner.apply(record.value());
                        if (!expected.equals(record.key())) {
                            throw new MisroutedEventException(topic, record.key(), ownerField, expected);
                        }
                        context().forward(record);
                    }
                }, Named.as(topic.replace('.', '-') + "-owner-key-check"));
    }

    /** An event keyed by someone other than its owner; its message says which key it needs. */
    static final class MisroutedEventException extends RuntimeException {
        MisroutedEventException(String topic, String key, String ownerField, String expected) {
            super("A record on " + topic + " is keyed '" + key + "' but records there must be keyed by " + ownerField
                    + " ('" + expected + "'), so that each user's state stays in one task; republish it with that key");
        }
    }
}
