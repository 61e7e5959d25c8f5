package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.views.InboxViews;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A withdrawal reads the same live and in a resume: {@code withdrawn[].seq} is the seq of the withdrawal
 * record (what the query API's resume answer names), not the seq of the notification's last version.
 */
class InboxFramesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void shouldNameALiveWithdrawalByTheSeqOfItsRecord() throws Exception {
        InboxRecord record = withdrawalOfVersion7AtSeq11();

        JsonNode frame = JSON.readTree(InboxFrames.live(record).text());

        assertThat(frame.get("seq").asLong()).isEqualTo(11);
        assertThat(frame.get("withdrawn").get(0).get("seq").asLong()).isEqualTo(11);
    }

    @Test
    void shouldWriteTheSameWithdrawalLiveAndResumed() throws Exception {
        InboxRecord record = withdrawalOfVersion7AtSeq11();
        InboxViews.Changes resumed = new InboxViews.Changes("bob", "9b0e", false, 10, 11, 1, 0, 0, List.of(),
                List.of(), List.of(new InboxViews.Withdrawn(11, "n-7")), null);

        assertThat(InboxFrames.resumed(resumed)).containsExactly(InboxFrames.live(record).text());
    }

    /** The record of seq 11 that withdrew notification n-7, whose last version was seq 7. */
    private static InboxRecord withdrawalOfVersion7AtSeq11() {
        return InboxRecord.newBuilder().setRecipientId("bob").setEpoch("9b0e").setSeq(11)
                .setOccurredAt(Instant.parse("2026-11-30T12:00:00Z"))
                .setChange(new NotificationWithdrawn("n-7", 7L, UUID.randomUUID())).setDroppedNotificationIds(List.of())
                .setUnread(0).setUnseen(0).build();
    }
}
