package dev.pulse.processor.query;

import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.schemas.views.TrendingView;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.TrendingEntry;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.service.Json;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The view records read back what they write, so an instance reads another's answer as its own type. */
class ViewsTest {

    private static final Instant AT = Instant.parse("2026-11-30T08:00:00.123Z");

    @Test
    void shouldReadBackABatchOfPostCountsAsWritten() throws Exception {
        CountsBatch<PostCountsView> batch = new CountsBatch<>(List.of(
                PostCountsView.of("p1", PostCounts.newBuilder().setPostId("p1").setLikes(3).setComments(1)
                        .setUpdatedAt(AT).build()),
                PostCountsView.of("p2", null)));

        CountsBatch<PostCountsView> read = Json.mapper().readValue(Json.bytes(batch), CountsBatch.of(PostCountsView.class));

        assertThat(read).isEqualTo(batch);
    }

    @Test
    void shouldWriteTheTrendingSnapshotInTheDocumentedShape() throws Exception {
        TrendingView view = TrendingView.of(TrendingSnapshot.newBuilder().setComputedAt(AT).setWindowMillis(60_000)
                .setEntries(List.of(TrendingEntry.newBuilder().setRank(1).setPostId("p1").setScore(2.5).setLikes(2)
                        .setComments(1).build())).build());

        JsonNode json = Json.mapper().readTree(Json.bytes(view));

        assertThat(json.toString()).isEqualTo("{\"computedAt\":\"2026-11-30T08:00:00.123Z\",\"windowMillis\":60000,"
                + "\"entries\":[{\"rank\":1,\"postId\":\"p1\",\"score\":2.5,\"likes\":2,\"comments\":1}]}");
        assertThat(Json.mapper().readValue(Json.bytes(view), TrendingView.class)).isEqualTo(view);
    }

    @Test
    void shouldWriteAnEmptyTrendingSnapshotBeforeAnythingTrended() throws Exception {
        assertThat(Json.mapper().readTree(Json.bytes(TrendingView.of(null))).toString())
                .isEqualTo("{\"computedAt\":null,\"windowMillis\":null,\"entries\":[]}");
    }
}
