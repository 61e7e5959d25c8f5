package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.like;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class TrendingFromEventsTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldTrendPostsByLikesPlusTwiceTheirComments() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));
        harness.send(like("ana", "p2", "bob", 3));
        harness.send(comment("ana", "p2", "bob", "c1", 4));

        harness.advanceWallClock(Duration.ofSeconds(11));

        TrendingSnapshot snapshot = harness.trendingSnapshots().getLast();
        assertThat(snapshot.getEntries()).extracting(TrendingEntry::getPostId).containsExactly("p2", "p1");
        assertThat(snapshot.getEntries()).extracting(TrendingEntry::getScore).containsExactly(3.0, 2.0);
    }

    @Test
    void shouldNotTrendARepeatedLike() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("ana", "p1", "bob", 2));

        harness.advanceWallClock(Duration.ofSeconds(11));

        assertThat(harness.trendingSnapshots().getLast().getEntries()).singleElement()
                .satisfies(e -> assertThat(e.getLikes()).isEqualTo(1));
    }
}
