package dev.pulse.processor.inbox;

import dev.pulse.processor.state.InboxUser;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationState;
import java.time.Instant;
import java.util.List;

/** Builds the records of the per-user inbox stream, each with the user's counts after it. */
final class InboxRecords {

    private InboxRecords() {
    }

    static InboxRecord of(String user, InboxUser ledger, long seq, Instant occurredAt, Object change,
                          List<String> dropped) {
        return InboxRecord.newBuilder().setRecipientId(user).setEpoch(ledger.getEpoch()).setSeq(seq)
                .setOccurredAt(occurredAt).setChange(change).setDroppedNotificationIds(dropped)
                .setUnread(ledger.getUnread()).setUnseen(ledger.getUnseen()).build();
    }

    static NotificationState state(InboxNotification n) {
        return new NotificationState(n.getNotificationId(), n.getSeq(), n.getSeenAt(), n.getReadAt(),
                n.getArchivedAt());
    }
}
