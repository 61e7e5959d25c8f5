package dev.pulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyDescription;
import org.junit.jupiter.api.Test;

/**
 * The names Kafka Streams derives internal topics from: a renamed store or repartition orphans its
 * topic in a running cluster and starts empty, so a refactor must keep them. Written out here on
 * purpose, not read from {@link StoreNames}, so that changing a constant fails this test.
 */
class TopologyNamesTest {

    private final Topology topology = PulseTopology.build(Topics.standard(), TopologySettings.defaults(),
            new OpenWrites(Duration.ZERO));

    @Test
    void shouldKeepItsRepartitionTopics() {
        List<String> repartitions = PulseTopology.sourceTopics(topology).stream()
                .filter(topic -> topic.endsWith("-repartition")).toList();

        assertThat(repartitions).containsExactly("following-deltas-repartition",
                "message-notification-requests-repartition", "post-count-deltas-repartition",
                "trending-partials-repartition");
    }

    @Test
    void shouldKeepItsStores() {
        List<String> stores = topology.describe().subtopologies().stream()
                .flatMap(subtopology -> subtopology.nodes().stream())
                .filter(TopologyDescription.Processor.class::isInstance)
                .flatMap(processor -> ((TopologyDescription.Processor) processor).stores().stream())
                .distinct().toList();

        assertThat(stores).containsExactlyInAnyOrder("dedup-messages", "dedup-reads", "like-membership",
                "comment-membership", "follow-membership", "post-counts", "user-counts", "user-settings",
                "inbox-users", "inbox-entries", "inbox-refs", "inbox-open-groups", "inbox-contributions",
                "inbox-actors", "trending-buckets", "trending-snapshot", "trending-partitions");
    }
}
