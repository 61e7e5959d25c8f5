package dev.pulse.edge;

import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.views.InboxViews;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Turns a user's inbox stream into frames: a live {@link InboxRecord} into one frame (written once, for
 * every connection of the user), and a resume answer of the query API into the frames that bring a
 * client from its last seq to the present, in seq order. A notification reads the same either way
 * ({@link InboxViews.Notification}).
 */
final class InboxFrames {

    private InboxFrames() {
    }

    /**
     * One record of the stream, its frame written; the badge after it is kept apart (sent when it changed),
     * and so is the {@code message} frame of a record that delivers a chat message (else null).
     */
    record Live(String userId, String epoch, long seq, String text, String message, long unread, long unseen) {
    }

    static Live live(InboxRecord record) {
        String epoch = record.getEpoch();
        long seq = record.getSeq();
        List<String> dropped = List.copyOf(record.getDroppedNotificationIds());
        Record frame = switch (record.getChange()) {
            case NotificationIssued issued -> new ServerFrames.Notification(epoch, seq,
                    InboxViews.Notification.of(issued.getNotification(), seq), dropped);
            case StatesChanged changed -> new ServerFrames.InboxUpdate(epoch, seq, changed.getAction().name(),
                    changed.getStates().stream().map(state -> state(state, seq)).toList(), List.of(), dropped);
            case NotificationWithdrawn withdrawn -> new ServerFrames.InboxUpdate(epoch, seq, "WITHDRAW", List.of(),
                    List.of(new InboxViews.Withdrawn(seq, withdrawn.getNotificationId())),
                    dropped);
            default -> throw new IllegalArgumentException("Unknown inbox change " + record.getChange().getClass());
        };
        return new Live(record.getRecipientId(), epoch, seq, ServerFrames.text(frame), message(record),
                record.getUnread(), record.getUnseen());
    }

    private static String message(InboxRecord record) {
        if (!(record.getChange() instanceof NotificationIssued issued) || issued.getMessage() == null) {
            return null;
        }
        InboxNotification notification = issued.getNotification();
        return ServerFrames.text(new ServerFrames.Message(record.getSeq(), notification.getTarget().getId(),
                issued.getMessage().getMessageId(), notification.getActorIds().getFirst(), issued.getMessage().getText(),
                record.getOccurredAt()));
    }

    private static InboxViews.State state(NotificationState state, long changeSeq) {
        return new InboxViews.State(state.getNotificationId(), state.getSeq(), changeSeq, state.getSeenAt(),
                state.getReadAt(), state.getArchivedAt());
    }

    /**
     * The frames of a resume answer after the hello: the gap first (it names seqs that will not come), then
     * every change in seq order, then the badge.
     */
    static List<String> resumed(InboxViews.Changes changes) {
        List<Sequenced> changed = new ArrayList<>();
        String epoch = changes.epoch();
        changes.notifications().forEach(n -> changed.add(new Sequenced(n.changeSeq(),
                new ServerFrames.Notification(epoch, n.changeSeq(), n, List.of()))));
        changes.states().forEach(s -> changed.add(new Sequenced(s.changeSeq(),
                new ServerFrames.InboxUpdate(epoch, s.changeSeq(), "STATE", List.of(s), List.of(), List.of()))));
        changes.withdrawn().forEach(w -> changed.add(new Sequenced(w.seq(),
                new ServerFrames.InboxUpdate(epoch, w.seq(), "WITHDRAW", List.of(), List.of(w), List.of()))));
        changed.sort(Comparator.comparingLong(Sequenced::seq));
        List<String> frames = new ArrayList<>(changed.size() + 2);
        if (changes.gap() != null) {
            InboxViews.Gap gap = changes.gap();
            frames.add(ServerFrames.text(new ServerFrames.Gap(gap.fromSeq(), gap.toSeq(), gap.dropped())));
        }
        changed.forEach(c -> frames.add(ServerFrames.text(c.frame())));
        return frames;
    }

    /**
     * The highest seq the frames of {@code changes} name. In an answer read at one moment it is the
     * answer's {@code lastSeq}: every record names a notification, a withdrawal or a dropped change.
     */
    static long coveredUpTo(InboxViews.Changes changes) {
        long covered = changes.afterSeq();
        for (InboxViews.Notification n : changes.notifications()) {
            covered = Math.max(covered, n.changeSeq());
        }
        for (InboxViews.State s : changes.states()) {
            covered = Math.max(covered, s.changeSeq());
        }
        for (InboxViews.Withdrawn w : changes.withdrawn()) {
            covered = Math.max(covered, w.seq());
        }
        return changes.gap() == null ? covered : Math.max(covered, changes.gap().toSeq());
    }

    private record Sequenced(long seq, Record frame) {
    }
}
