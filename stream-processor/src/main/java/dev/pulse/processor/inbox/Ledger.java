package dev.pulse.processor.inbox;

import dev.pulse.processor.state.InboxUser;
import dev.pulse.processor.state.Withdrawal;
import dev.pulse.schemas.InboxNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * A user's inbox bookkeeping ({@link InboxUser}): the numbering, the unread and unseen counts, and what
 * the size cap dropped. Counts change only here, by the difference a notification's change makes, so they
 * equal what the inbox holds plus what the cap dropped unread or unseen, for any order of events.
 */
final class Ledger {

    private Ledger() {
    }

    /** A user with nothing yet, in a new numbering. */
    static InboxUser fresh() {
        return InboxUser.newBuilder().setEpoch(UUID.randomUUID().toString()).setLastSeq(0).setSize(0)
                .setUnread(0).setUnseen(0).setDroppedUnread(0).setDroppedUnseen(0).build();
    }

    /** Takes the next seq. */
    static long next(InboxUser user) {
        user.setLastSeq(user.getLastSeq() + 1);
        return user.getLastSeq();
    }

    static boolean unread(InboxNotification n) {
        return n != null && n.getReadAt() == null && n.getArchivedAt() == null;
    }

    static boolean unseen(InboxNotification n) {
        return n != null && n.getSeenAt() == null && n.getArchivedAt() == null;
    }

    /** Counts a notification's change from {@code before} to {@code after}; null stands for absent. */
    static void count(InboxUser user, InboxNotification before, InboxNotification after) {
        user.setUnread(user.getUnread() + flag(unread(after)) - flag(unread(before)));
        user.setUnseen(user.getUnseen() + flag(unseen(after)) - flag(unseen(before)));
    }

    /** Counts a notification the cap dropped: it leaves the inbox but stays unread or unseen as it was. */
    static void dropped(InboxUser user, InboxNotification entry, long lastChangeSeq, int remembered) {
        user.setSize(user.getSize() - 1);
        user.setDroppedUnread(user.getDroppedUnread() + flag(unread(entry)));
        user.setDroppedUnseen(user.getDroppedUnseen() + flag(unseen(entry)));
        if (user.getDroppedNewestAt() == null || Positions.compare(entry.getCreatedAt(), entry.getNotificationId(),
                user.getDroppedNewestAt(), user.getDroppedNewestId()) > 0) {
            user.setDroppedNewestAt(entry.getCreatedAt());
            user.setDroppedNewestId(entry.getNotificationId());
        }
        user.setDroppedNewestSeq(Math.max(user.getDroppedNewestSeq(), entry.getSeq()));
        List<Long> drops = new ArrayList<>(user.getDrops());
        drops.add(lastChangeSeq);
        while (drops.size() > remembered) {
            forget(user, drops.removeFirst());
        }
        user.setDrops(drops);
    }

    /** Remembers a withdrawal for resuming clients. */
    static void withdrawn(InboxUser user, long seq, String notificationId, int remembered) {
        List<Withdrawal> withdrawals = new ArrayList<>(user.getWithdrawals());
        withdrawals.add(new Withdrawal(seq, notificationId));
        while (withdrawals.size() > remembered) {
            forget(user, withdrawals.removeFirst().getSeq());
        }
        user.setWithdrawals(withdrawals);
    }

    /** Whether an action up to this position covers every notification the cap dropped. */
    static boolean droppedUpTo(InboxUser user, Instant createdAt, String notificationId) {
        return user.getDroppedNewestAt() != null && Positions.compare(user.getDroppedNewestAt(),
                user.getDroppedNewestId(), createdAt, notificationId) <= 0;
    }

    /** Marks the dropped notifications seen; true when a count changed. */
    static boolean seeDropped(InboxUser user) {
        long unseen = user.getDroppedUnseen();
        user.setUnseen(user.getUnseen() - unseen);
        user.setDroppedUnseen(0);
        return unseen > 0;
    }

    /** Marks the dropped notifications read, and so seen; true when a count changed. */
    static boolean readDropped(InboxUser user) {
        long unread = user.getDroppedUnread();
        user.setUnread(user.getUnread() - unread);
        user.setDroppedUnread(0);
        return seeDropped(user) || unread > 0;
    }

    private static void forget(InboxUser user, long seq) {
        user.setForgottenUpTo(Math.max(user.getForgottenUpTo(), seq));
    }

    private static int flag(boolean set) {
        return set ? 1 : 0;
    }
}
