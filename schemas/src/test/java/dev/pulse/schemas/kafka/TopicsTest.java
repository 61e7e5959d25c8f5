package dev.pulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.LikeEvent;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TopicsTest {

    @Test
    void shouldGiveEveryTopicAUniqueName() {
        assertThat(Topics.standard().all()).extracting(Topic::name).doesNotHaveDuplicates().hasSize(12);
    }

    @Test
    void shouldPrefixEveryTopicName() {
        Topics prefixed = Topics.withPrefix("it-7.");

        assertThat(prefixed.all()).extracting(Topic::name).allMatch(name -> name.startsWith("it-7."));
        assertThat(prefixed.likes().name()).isEqualTo("it-7." + Topics.standard().likes().name());
    }

    @Test
    void shouldRejectAPrefixKafkaCannotName() {
        assertThatThrownBy(() -> Topics.withPrefix("a/b")).hasMessageContaining("Illegal topic prefix 'a/b'");
    }

    @Test
    void shouldKeepDomainEventsForever() {
        assertThat(Topics.standard().likes().configs())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    @Test
    void shouldCompactStateTopicsWithoutRetention() {
        assertThat(Topics.standard().postCounts().configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void shouldKeepEverySettingsVersionForRebuilds() {
        assertThat(Topics.standard().userSettings().configs())
                .isEqualTo(Map.of("cleanup.policy", "delete", "retention.ms", "-1"));
    }

    @Test
    void shouldShortenSegmentsOfShortLivedTopics() {
        assertThat(Topics.standard().signals().configs())
                .containsEntry("retention.ms", "60000")
                .containsEntry("segment.ms", "60000");
    }

    @Test
    void shouldFindATopicByName() {
        Topics topics = Topics.standard();

        assertThat(topics.byName(topics.inbox().name())).contains(topics.inbox());
        assertThat(topics.byName("nope")).isEmpty();
    }

    @Test
    void shouldRejectATopicWithoutPartitions() {
        Topic<String, LikeEvent> likes = Topics.standard().likes();

        assertThatThrownBy(() -> new Topic<>("x", likes.keySerde(), likes.valueSerde(), likes.keyRule(), 0,
                CleanupPolicy.DELETE, likes.retention())).hasMessageContaining("at least one partition");
    }
}
