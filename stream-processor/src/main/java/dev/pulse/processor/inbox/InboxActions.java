package dev.pulse.processor.inbox;

import dev.pulse.processor.state.InboxUser;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxActionScopes;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A user's inbox actions: seen, read, unread, archived, unarchived. An action changes only notifications
 * it finds in the inbox and whose state it changes; it covers the notifications the cap dropped when it
 * reaches the whole inbox or a position at or after the newest of them. An action whose scope does not
 * fit its kind ({@link InboxActionScopes}) changes nothing. One record per action that
 * changed something; a repeat, or an action naming what does not exist, changes nothing.
 */
final class InboxActions {

    private final InboxStores stores;

    InboxActions(InboxStores stores) {
        this.stores = stores;
    }

    Optional<InboxRecord> apply(InboxAction action) {
        String user = action.getActorId();
        InboxUser ledger = stores.users.get(user);
        if (ledger == null || InboxActionScopes.problem(action).isPresent()) {
            return Optional.empty();
        }
        long seq = ledger.getLastSeq() + 1;
        List<NotificationState> changed = new ArrayList<>();
        for (InboxNotification entry : targets(user, action.getScope())) {
            InboxNotification next = changed(action.getAction(), action.getScope(), entry, action.getOccurredAt());
            if (!next.equals(entry)) {
                stores.putVersion(user, next, entry.getSeq(), seq);
                Ledger.count(ledger, entry, next);
                regroup(user, next);
                changed.add(InboxRecords.state(next));
            }
        }
        boolean droppedChanged = coversDropped(ledger, action.getScope()) && switch (action.getAction()) {
            case SEEN -> Ledger.seeDropped(ledger);
            case READ -> Ledger.readDropped(ledger);
            default -> false;
        };
        if (changed.isEmpty() && !droppedChanged) {
            return Optional.empty();
        }
        Ledger.next(ledger);
        stores.users.put(user, ledger);
        return Optional.of(InboxRecords.of(user, ledger, seq, action.getOccurredAt(),
                new StatesChanged(action.getAction(), action.getEventId(), changed), List.of()));
    }

    private List<InboxNotification> targets(String user, Object scope) {
        return switch (scope) {
            case WholeInbox whole -> stores.entriesUpTo(user, Long.MAX_VALUE);
            case UpTo upTo when upTo.getPosition() != null -> stores.entriesUpTo(user, Long.MAX_VALUE).stream()
                    .filter(n -> Positions.atOrBefore(n, upTo.getPosition())).toList();
            case UpTo upTo -> stores.entriesUpTo(user, upTo.getUpToSeq());
            case Listed listed -> listed(user, listed);
            default -> throw new IllegalArgumentException("Unknown inbox action scope " + scope.getClass().getName());
        };
    }

    /** The named notifications that exist, each once. */
    private List<InboxNotification> listed(String user, Listed listed) {
        Map<String, InboxNotification> found = new LinkedHashMap<>();
        listed.getNotificationIds().stream().map(id -> stores.entry(user, id)).filter(Objects::nonNull)
                .forEach(n -> found.putIfAbsent(n.getNotificationId(), n));
        listed.getSeqs().stream().map(seq -> stores.entryAt(user, seq)).filter(Objects::nonNull)
                .forEach(n -> found.putIfAbsent(n.getNotificationId(), n));
        return List.copyOf(found.values());
    }

    private static InboxNotification changed(InboxActionKind kind, Object scope, InboxNotification n, Instant at) {
        InboxNotification.Builder next = InboxNotification.newBuilder(n);
        switch (kind) {
            case SEEN -> next.setSeenAt(n.getSeenAt() != null ? n.getSeenAt() : at);
            case READ -> next.setReadAt(n.getReadAt() != null ? n.getReadAt() : at)
                    .setSeenAt(n.getSeenAt() != null ? n.getSeenAt() : at);
            case UNREAD -> next.setReadAt(null);
            case ARCHIVE -> next.setArchivedAt(n.getArchivedAt() != null || !(scope instanceof Listed)
                    && n.getReadAt() == null ? n.getArchivedAt() : at);
            case UNARCHIVE -> next.setArchivedAt(null);
            default -> throw new IllegalArgumentException("Unknown inbox action " + kind);
        }
        return next.build();
    }

    /** Only an unread, unarchived notification takes in new contributions. */
    private void regroup(String user, InboxNotification n) {
        if (Ledger.unread(n)) {
            stores.reopenGroup(user, n);
        } else {
            stores.closeGroup(user, n);
        }
    }

    private static boolean coversDropped(InboxUser ledger, Object scope) {
        return switch (scope) {
            case WholeInbox whole -> true;
            case UpTo upTo when upTo.getPosition() != null -> Ledger.droppedUpTo(ledger,
                    upTo.getPosition().getCreatedAt(), upTo.getPosition().getNotificationId());
            case UpTo upTo -> ledger.getDroppedNewestSeq() > 0 && ledger.getDroppedNewestSeq() <= upTo.getUpToSeq();
            default -> false;
        };
    }
}
