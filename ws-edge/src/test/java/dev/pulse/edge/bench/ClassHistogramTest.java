package dev.pulse.edge.bench;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ClassHistogramTest {

    private static final String BEFORE = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          1000         100000  [B (java.base@25.0.3)
               2:           100           2400  java.lang.String (java.base@25.0.3)
            Total          1100         102400
            """;
    private static final String AFTER = """
            12345:
             num     #instances         #bytes  class name (module)
            -------------------------------------------------------
               1:          3000         300000  [B (java.base@25.0.3)
               2:           300           7200  java.lang.String (java.base@25.0.3)
               3:            10            640  io.helidon.webserver.websocket.WsConnection
            Total          3310         307840
            """;

    @Test
    void shouldReadEveryClassAndTheTotalOfJcmdOutput() {
        ClassHistogram histogram = ClassHistogram.parse(AFTER);

        assertThat(histogram.totalBytes()).isEqualTo(307_840);
        assertThat(histogram.classes()).hasSize(3);
        assertThat(histogram.classes().get("[B")).isEqualTo(new ClassHistogram.Entry(3000, 300_000));
    }

    @Test
    void shouldListTheClassesThatGrewMostFirst() {
        ClassHistogram before = ClassHistogram.parse(BEFORE);
        ClassHistogram after = ClassHistogram.parse(AFTER);

        assertThat(after.grownSince(before, 2)).containsExactly(
                new ClassHistogram.Growth("[B", 2000, 200_000),
                new ClassHistogram.Growth("java.lang.String", 200, 4_800));
    }
}
