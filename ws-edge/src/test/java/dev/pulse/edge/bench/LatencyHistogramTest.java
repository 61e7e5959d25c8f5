package dev.pulse.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class LatencyHistogramTest {

    @Test
    void shouldGivePercentilesWithinTwoPercentOfTheTrueValue() {
        LatencyHistogram histogram = new LatencyHistogram();
        for (long micros = 1; micros <= 100_000; micros++) {
            histogram.record(micros);
        }

        assertThat(histogram.percentile(0.5)).isCloseTo(50_000L, within(1_000L));
        assertThat(histogram.percentile(0.99)).isCloseTo(99_000L, within(2_000L));
        assertThat(histogram.max()).isEqualTo(100_000L);
    }

    @Test
    void shouldAddUpHistogramsEncodedByOtherProcesses() {
        LatencyHistogram low = new LatencyHistogram();
        LatencyHistogram high = new LatencyHistogram();
        for (int i = 0; i < 90; i++) {
            low.record(10);
        }
        for (int i = 0; i < 10; i++) {
            high.record(5_000);
        }

        LatencyHistogram total = new LatencyHistogram();
        total.merge(low.encode());
        total.merge(high.encode());

        assertThat(total.count()).isEqualTo(100);
        assertThat(total.percentile(0.9)).isEqualTo(10);
        assertThat(total.percentile(0.95)).isCloseTo(5_000L, within(80L));
    }
}
