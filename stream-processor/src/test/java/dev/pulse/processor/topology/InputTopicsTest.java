package dev.pulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.schemas.kafka.Topics;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The input topics a rebuild replays are what the topology's sources read, nothing hand-listed elsewhere. */
class InputTopicsTest {

    private final Topics topics = Topics.withPrefix("staging.");

    @Test
    void shouldReadEveryEventTopicAndTheUserSettings() {
        List<String> inputs = PulseTopology.inputTopics(topics);

        assertThat(inputs).containsExactlyInAnyOrder(topics.likes().name(), topics.comments().name(),
                topics.follows().name(), topics.messages().name(), topics.reads().name(), topics.userSettings().name());
    }

    @Test
    void shouldReadNoOtherTopicThanItsOwnRepartitionTopics() {
        List<String> sources = PulseTopology.sourceTopics(PulseTopology.build(topics, TopologySettings.defaults(), new OpenWrites(Duration.ZERO)));

        List<String> others = sources.stream().filter(s -> !PulseTopology.inputTopics(topics).contains(s)).toList();

        assertThat(others).isNotEmpty().allSatisfy(topic -> assertThat(topic).endsWith("-repartition"));
    }
}
