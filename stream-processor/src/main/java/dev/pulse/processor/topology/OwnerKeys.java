package dev.pulse.processor.topology;

import dev.pulse.schemas.kafka.Topic;
import java.util.Map;
import java.util.function.Function;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Repartitioned;

/**
 * Puts every event on the partition of the user whose state it changes (a post's author, the
 * followee, the reader), so all of one user's state lives in one task. Events already keyed by that
 * user, as {@code EventPublisher} writes them, pass straight through; any other key (another
 * producer's choice) is corrected through a repartition topic, so a wrong key costs a hop, never a
 * wrong count or a duplicate seq. Events with no value (tombstones) are not events and are dropped.
 */
final class OwnerKeys {

    private OwnerKeys() {
    }

    static <V> KStream<String, V> byOwner(KStream<String, V> events, Topic<String, V> topic, Function<V, String> owner,
                                          String name, int userPartitions) {
        Map<String, KStream<String, V>> branches = events
                .filter((key, event) -> event != null, Named.as(name + "-events"))
                .split(Named.as(name + "-"))
                .branch((key, event) -> owner.apply(event).equals(key), Branched.as("owner-keyed"))
                .defaultBranch(Branched.as("other-keyed"));
        KStream<String, V> moved = branches.get(name + "-other-keyed")
                .selectKey((key, event) -> owner.apply(event), Named.as(name + "-owner-key"))
                .repartition(Repartitioned.<String, V>as(name + "-by-owner")
                        .withKeySerde(Serdes.String()).withValueSerde(topic.valueSerde())
                        .withNumberOfPartitions(userPartitions));
        return branches.get(name + "-owner-keyed").merge(moved, Named.as(name + "-by-owner-merged"));
    }
}
