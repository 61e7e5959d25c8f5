package dev.pulse.schemas.views;

import dev.pulse.schemas.InboxNotification;
import java.time.Instant;
import java.util.List;

/**
 * The processor's query API answers about a user's inbox, as JSON: written by the processor, read back by
 * another processor instance, the WebSocket edge (resume) and the ingest API. One model for all of them,
 * so a notification reads the same in a resume answer, a live frame and a page. {@code epoch} names the
 * numbering the seqs belong to.
 */
public final class InboxViews {

    private InboxViews() {
    }

    /** One notification with its states. {@code changeSeq}: the seq of the last record that changed it. */
    public record Notification(String notificationId, long seq, long changeSeq, String type, List<String> actorIds,
                               long actorCount, Target target, String groupKey, Instant createdAt, String preview,
                               Instant seenAt, Instant readAt, Instant archivedAt) {

        /** {@code n} as last changed by the record of seq {@code changeSeq}. */
        public static Notification of(InboxNotification n, long changeSeq) {
            return new Notification(n.getNotificationId(), n.getSeq(), changeSeq, n.getType().name(),
                    List.copyOf(n.getActorIds()), n.getActorCount(),
                    new Target(n.getTarget().getKind().name(), n.getTarget().getId()), n.getGroupKey(),
                    n.getCreatedAt(), n.getPreview(), n.getSeenAt(), n.getReadAt(), n.getArchivedAt());
        }
    }

    public record Target(String kind, String id) {
    }

    /** The user's badge: unread and unseen, including older ones the size cap dropped, excluding archived ones. */
    public record Counts(String userId, String epoch, long lastSeq, long unread, long unseen) {
    }

    /** A page of the inbox, newest first; {@code nextBefore} continues it, null at the end. */
    public record Page(String userId, String epoch, long lastSeq, long unread, long unseen,
                       List<Notification> notifications, Long nextBefore) {
    }

    /** A state change of a notification the client already holds. */
    public record State(String notificationId, long seq, long changeSeq, Instant seenAt, Instant readAt,
                        Instant archivedAt) {
    }

    /**
     * A notification every actor of which was taken back: remove it. {@code seq} is the seq of the
     * withdrawal record (the record that removed it), not of the notification's last version, so a live
     * frame and a resume answer name a withdrawal alike and a client resumes after it.
     */
    public record Withdrawn(long seq, String notificationId) {
    }

    /**
     * Changes in the seqs from {@code fromSeq} to {@code toSeq} that the client will not receive: they
     * touched notifications the size cap has dropped since, {@code dropped} of them.
     */
    public record Gap(long fromSeq, long toSeq, long dropped) {
    }

    /**
     * Everything of the inbox after seq {@code afterSeq}, as its final state: notifications the client
     * does not hold (issued after it), state changes of those it holds, withdrawals, and the gap. With
     * {@code reset} true, nothing else is given: the client's numbering is another epoch, or older than
     * what the inbox remembers, so it must load the inbox again. Every notification the inbox holds has a
     * seq at or above {@code floorSeq}: a held notification below it that is not in {@code notifications}
     * was dropped by the size cap, and the client removes it.
     */
    public record Changes(String userId, String epoch, boolean reset, long afterSeq, long lastSeq, long floorSeq,
                          long unread, long unseen, List<Notification> notifications, List<State> states,
                          List<Withdrawn> withdrawn, Gap gap) {
    }
}
