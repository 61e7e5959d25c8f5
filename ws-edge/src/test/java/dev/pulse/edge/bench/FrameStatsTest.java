package dev.pulse.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameStatsTest {

    @Test
    void shouldCountFramesByTypeAndTimeOnlyThoseWithASendTime() {
        FrameStats stats = new FrameStats("sentAtMicros");

        stats.frame("{\"type\":\"hello\",\"serverTime\":\"2026-11-30T12:00:00Z\"}", 5_000);
        stats.frame("{\"type\":\"bench\",\"seq\":0,\"sentAtMicros\":1000}", 3_000);
        stats.frame("{\"type\":\"bench\",\"seq\":1,\"sentAtMicros\":2000}", 4_000);

        assertThat(stats.framesByType()).isEqualTo(Map.of("hello", 1L, "bench", 2L));
        assertThat(stats.latency().count()).isEqualTo(2);
        assertThat(stats.latency().max()).isEqualTo(2_000);
        assertThat(stats.spanSeconds()).isEqualTo(0.001);
    }

    @Test
    void shouldReadASendTimeWrittenAsAnInstant() {
        FrameStats stats = new FrameStats("serverTime");

        assertThat(stats.sentMicros("{\"type\":\"hello\",\"serverTime\":\"1970-01-01T00:00:01.000002Z\"}"))
                .isEqualTo(1_000_002);
    }

    @Test
    void shouldAddUpTheStatisticsOfEveryChildProcess() {
        FrameStats one = new FrameStats("sentAtMicros");
        one.frame("{\"type\":\"bench\",\"sentAtMicros\":100}", 200);
        one.closed(1013);
        FrameStats two = new FrameStats("sentAtMicros");
        two.frame("{\"type\":\"bench\",\"sentAtMicros\":100}", 1_100);

        FrameStats total = new FrameStats("sentAtMicros");
        total.merge(one.encode());
        total.merge(two.encode());

        assertThat(total.framesByType()).isEqualTo(Map.of("bench", 2L));
        assertThat(total.closesByCode()).isEqualTo(Map.of(1013, 1L));
        assertThat(total.latency().count()).isEqualTo(2);
        assertThat(total.spanSeconds()).isEqualTo(0.0009);
    }
}
