package dev.pulse.processor.query;

import dev.pulse.schemas.views.InboxViews;
import dev.pulse.processor.inbox.InboxKeys;
import dev.pulse.processor.state.InboxRef;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.processor.state.Withdrawal;
import dev.pulse.schemas.InboxNotification;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/** Reads one user's inbox from the inbox stores of the user's partition: pages, the badge, and resume. */
public final class InboxQueries {

    /** Which notifications a page lists. */
    public enum StateFilter {
        UNREAD(n -> n.getReadAt() == null && n.getArchivedAt() == null),
        ALL(n -> n.getArchivedAt() == null),
        ARCHIVED(n -> n.getArchivedAt() != null);

        private final Predicate<InboxNotification> test;

        StateFilter(Predicate<InboxNotification> test) {
            this.test = test;
        }
    }

    private final ReadOnlyKeyValueStore<String, InboxUser> users;
    private final ReadOnlyKeyValueStore<String, InboxNotification> entries;
    private final ReadOnlyKeyValueStore<String, InboxRef> refs;

    public InboxQueries(ReadOnlyKeyValueStore<String, InboxUser> users,
                 ReadOnlyKeyValueStore<String, InboxNotification> entries, ReadOnlyKeyValueStore<String, InboxRef> refs) {
        this.users = users;
        this.entries = entries;
        this.refs = refs;
    }

    public InboxViews.Counts counts(String user) {
        InboxUser ledger = users.get(user);
        return ledger == null ? new InboxViews.Counts(user, null, 0, 0, 0)
                : new InboxViews.Counts(user, ledger.getEpoch(), ledger.getLastSeq(), ledger.getUnread(),
                        ledger.getUnseen());
    }

    /** Newest first, seqs strictly between {@code afterSeq} and {@code beforeSeq}. */
    public InboxViews.Page page(String user, long afterSeq, long beforeSeq, int limit, StateFilter state, Set<String> types) {
        InboxViews.Counts counts = counts(user);
        List<InboxViews.Notification> found = new ArrayList<>();
        Long nextBefore = null;
        if (beforeSeq > afterSeq + 1) {
            try (KeyValueIterator<String, InboxNotification> it = entries.reverseRange(
                    InboxKeys.entry(user, afterSeq + 1), InboxKeys.entry(user, beforeSeq - 1))) {
                while (it.hasNext() && nextBefore == null) {
                    InboxNotification n = it.next().value;
                    if (state.test.test(n) && (types.isEmpty() || types.contains(n.getType().name()))) {
                        if (found.size() == limit) {
                            nextBefore = found.getLast().seq();
                        } else {
                            found.add(InboxViews.Notification.of(n, changeSeq(user, n)));
                        }
                    }
                }
            }
        }
        return new InboxViews.Page(user, counts.epoch(), counts.lastSeq(), counts.unread(), counts.unseen(), found,
                nextBefore);
    }

    /** What a client of {@code epoch} that holds everything up to {@code afterSeq} needs to be current. */
    public InboxViews.Changes changes(String user, String epoch, long afterSeq) {
        InboxUser ledger = users.get(user);
        if (ledger == null) {
            return new InboxViews.Changes(user, null, epoch != null || afterSeq > 0, afterSeq, 0, 1, 0, 0, List.of(),
                    List.of(), List.of(), null);
        }
        if (!ledger.getEpoch().equals(epoch) || afterSeq > ledger.getLastSeq() || afterSeq < ledger.getForgottenUpTo()) {
            return new InboxViews.Changes(user, ledger.getEpoch(), true, afterSeq, ledger.getLastSeq(),
                    ledger.getLastSeq() + 1, ledger.getUnread(), ledger.getUnseen(), List.of(), List.of(), List.of(),
                    null);
        }
        List<InboxViews.Notification> issued = new ArrayList<>();
        List<InboxViews.State> states = new ArrayList<>();
        long floor = ledger.getLastSeq() + 1;
        for (KeyValue<InboxNotification, Long> entry : entries(user)) {
            floor = Math.min(floor, entry.key.getSeq());
            if (entry.value <= afterSeq) {
                continue;
            }
            InboxNotification n = entry.key;
            if (n.getSeq() > afterSeq) {
                issued.add(InboxViews.Notification.of(n, entry.value));
            } else {
                states.add(new InboxViews.State(n.getNotificationId(), n.getSeq(), entry.value, n.getSeenAt(),
                        n.getReadAt(), n.getArchivedAt()));
            }
        }
        issued.sort(Comparator.comparingLong(InboxViews.Notification::changeSeq));
        states.sort(Comparator.comparingLong(InboxViews.State::changeSeq));
        List<InboxViews.Withdrawn> withdrawn = ledger.getWithdrawals().stream().filter(w -> w.getSeq() > afterSeq)
                .map((Withdrawal w) -> new InboxViews.Withdrawn(w.getSeq(), w.getNotificationId())).toList();
        return new InboxViews.Changes(user, ledger.getEpoch(), false, afterSeq, ledger.getLastSeq(), floor,
                ledger.getUnread(), ledger.getUnseen(), issued, states, withdrawn, gap(ledger, afterSeq));
    }

    /** The changes to notifications the cap dropped since {@code afterSeq}, or null when there are none. */
    private static InboxViews.Gap gap(InboxUser ledger, long afterSeq) {
        List<Long> lost = ledger.getDrops().stream().filter(seq -> seq > afterSeq).toList();
        return lost.isEmpty() ? null
                : new InboxViews.Gap(afterSeq + 1, lost.stream().mapToLong(Long::longValue).max().orElseThrow(),
                        lost.size());
    }

    /** The user's notifications, oldest first, each with the seq of its last change. */
    private List<KeyValue<InboxNotification, Long>> entries(String user) {
        List<KeyValue<InboxNotification, Long>> all = new ArrayList<>();
        try (KeyValueIterator<String, InboxNotification> it = entries.range(InboxKeys.entry(user, 0),
                InboxKeys.entry(user, Long.MAX_VALUE))) {
            it.forEachRemaining(kv -> all.add(KeyValue.pair(kv.value, changeSeq(user, kv.value))));
        }
        return all;
    }

    private long changeSeq(String user, InboxNotification n) {
        InboxRef ref = refs.get(InboxKeys.ref(user, n.getNotificationId()));
        return ref == null ? n.getSeq() : ref.getLastChangeSeq();
    }
}
