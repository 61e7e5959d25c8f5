package dev.pulse.processor.topology;

import dev.pulse.processor.state.DroppedRange;
import dev.pulse.processor.state.GroupState;
import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.state.RecipientState;
import dev.pulse.schemas.Notification;
import dev.pulse.schemas.NotificationTarget;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.ReadAll;
import dev.pulse.schemas.ReadSeqs;
import dev.pulse.schemas.ReadUpTo;
import dev.pulse.schemas.TargetKind;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Every recipient's notifications: numbering (1, 2, 3, ... gap-free, never reused), collapse of a
 * burst into one notification re-issued under a new seq, the backlog of the newest unread ones
 * capped at a size with the dropped ones counted, and reads. All state lives in the four stores, so
 * it is restored exactly after a restart or rebalance. Not thread-safe: one per stream task.
 */
public final class RecipientBook {

    /** Dropped seqs are kept as at most this many ranges; beyond it the oldest two merge, inexactly. */
    static final int MAX_DROPPED_RANGES = 64;

    private static final String SEP = "\u0000";
    private static final int SEQ_DIGITS = 19;
    private static final String END = "\uffff";

    private final KeyValueStore<String, RecipientState> recipients;
    private final KeyValueStore<String, Notification> backlog;
    private final KeyValueStore<String, GroupState> groups;
    private final KeyValueStore<String, Long> groupActors;
    private final int backlogSize;
    private final int actorsShown;

    RecipientBook(KeyValueStore<String, RecipientState> recipients, KeyValueStore<String, Notification> backlog,
                  KeyValueStore<String, GroupState> groups, KeyValueStore<String, Long> groupActors,
                  int backlogSize, int actorsShown) {
        this.recipients = recipients;
        this.backlog = backlog;
        this.groups = groups;
        this.groupActors = groupActors;
        this.backlogSize = backlogSize;
        this.actorsShown = actorsShown;
    }

    /** Key of one backlog entry: user, NUL, the seq in 19 digits, so a user's entries sort by seq. */
    public static String backlogKey(String user, long seq) {
        String digits = Long.toString(seq);
        StringBuilder key = new StringBuilder(user.length() + 1 + SEQ_DIGITS).append(user).append(SEP);
        for (int pad = SEQ_DIGITS - digits.length(); pad > 0; pad--) {
            key.append('0');
        }
        return key.append(digits).toString();
    }

    /**
     * Issues the notification {@code request} asks for, or nothing when it adds nothing to an unread
     * group (the same actor again, with no new text).
     */
    Optional<Notification> notify(NotificationRequest request) {
        String user = request.getRecipientId();
        RecipientState state = stateOf(user);
        String groupKey = user + SEP + request.getGroupKey();
        String actorKey = groupKey + SEP + request.getActorId();
        GroupState group = groups.get(groupKey);
        boolean newActor = group == null || groupActors.get(actorKey) == null;
        if (!newActor && request.getPreview() == null) {
            return Optional.empty();
        }
        List<String> recent = new ArrayList<>();
        recent.add(request.getActorId());
        long actorCount = 1;
        if (group != null) {
            backlog.delete(backlogKey(user, group.getSeq()));
            state.setBacklogSize(state.getBacklogSize() - 1);
            state.setUnread(state.getUnread() - 1);
            group.getRecentActorIds().stream().filter(a -> !a.equals(request.getActorId()))
                    .limit(actorsShown - 1L).forEach(recent::add);
            actorCount = group.getActorCount() + (newActor ? 1 : 0);
        }
        if (newActor) {
            groupActors.put(actorKey, request.getOccurredAt().toEpochMilli());
        }
        long seq = state.getLastSeq() + 1;
        state.setLastSeq(seq);
        Notification notification = Notification.newBuilder()
                .setRecipientId(user)
                .setSeq(seq)
                .setType(NotificationType.valueOf(request.getType()))
                .setActorIds(recent)
                .setActorCount(actorCount)
                .setTarget(new NotificationTarget(TargetKind.valueOf(request.getTargetKind()), request.getTargetId()))
                .setGroupKey(request.getGroupKey())
                .setCreatedAt(request.getOccurredAt())
                .setPreview(request.getPreview())
                .setSourceEventId(UUID.fromString(request.getSourceEventId()))
                .build();
        backlog.put(backlogKey(user, seq), notification);
        state.setBacklogSize(state.getBacklogSize() + 1);
        state.setUnread(state.getUnread() + 1);
        groups.put(groupKey, new GroupState(seq, recent, actorCount));
        while (state.getBacklogSize() > backlogSize) {
            dropOldest(user, state);
        }
        recipients.put(user, state);
        return Optional.of(notification);
    }

    /** Applies a read of {@code user}'s notifications: up to a seq, some seqs, or all. */
    void read(String user, Object scope) {
        RecipientState state = recipients.get(user);
        if (state == null) {
            return;
        }
        switch (scope) {
            case ReadUpTo upTo -> readUpTo(user, state, upTo.getUpToSeq());
            case ReadSeqs seqs -> new HashSet<>(seqs.getSeqs()).forEach(seq -> readOne(user, state, seq));
            case ReadAll all -> readUpTo(user, state, state.getLastSeq());
            default -> throw new IllegalArgumentException("Unknown read scope " + scope.getClass().getName());
        }
        recipients.put(user, state);
    }

    private void readUpTo(String user, RecipientState state, long upTo) {
        List<KeyValue<String, Notification>> read = new ArrayList<>();
        try (KeyValueIterator<String, Notification> it = backlog.range(backlogKey(user, 0), backlogKey(user, upTo))) {
            it.forEachRemaining(read::add);
        }
        for (KeyValue<String, Notification> entry : read) {
            remove(user, state, entry.key, entry.value);
        }
        List<DroppedRange> kept = new ArrayList<>();
        for (DroppedRange range : state.getDropped()) {
            if (range.getToSeq() <= upTo) {
                state.setUnread(state.getUnread() - range.getCount());
            } else if (range.getFromSeq() <= upTo && exact(range)) {
                long readCount = upTo - range.getFromSeq() + 1;
                state.setUnread(state.getUnread() - readCount);
                kept.add(new DroppedRange(upTo + 1, range.getToSeq(), range.getCount() - readCount));
            } else if (range.getFromSeq() <= upTo) {
                // An inexact (merged) range straddling upTo: its seqs cannot be told apart; count all as read.
                state.setUnread(state.getUnread() - range.getCount());
            } else {
                kept.add(range);
            }
        }
        state.setDropped(kept);
    }

    private void readOne(String user, RecipientState state, long seq) {
        String key = backlogKey(user, seq);
        Notification entry = backlog.get(key);
        if (entry != null) {
            remove(user, state, key, entry);
            return;
        }
        List<DroppedRange> kept = new ArrayList<>();
        for (DroppedRange range : state.getDropped()) {
            if (exact(range) && seq >= range.getFromSeq() && seq <= range.getToSeq()) {
                state.setUnread(state.getUnread() - 1);
                if (seq > range.getFromSeq()) {
                    kept.add(new DroppedRange(range.getFromSeq(), seq - 1, seq - range.getFromSeq()));
                }
                if (seq < range.getToSeq()) {
                    kept.add(new DroppedRange(seq + 1, range.getToSeq(), range.getToSeq() - seq));
                }
            } else {
                kept.add(range);
            }
        }
        state.setDropped(kept);
    }

    private void remove(String user, RecipientState state, String key, Notification entry) {
        backlog.delete(key);
        state.setBacklogSize(state.getBacklogSize() - 1);
        state.setUnread(state.getUnread() - 1);
        closeGroupIfCurrent(user, entry);
    }

    private void dropOldest(String user, RecipientState state) {
        KeyValue<String, Notification> oldest;
        try (KeyValueIterator<String, Notification> it = backlog.range(backlogKey(user, 0),
                backlogKey(user, Long.MAX_VALUE))) {
            oldest = it.next();
        }
        backlog.delete(oldest.key);
        state.setBacklogSize(state.getBacklogSize() - 1);
        closeGroupIfCurrent(user, oldest.value);
        addDropped(state, oldest.value.getSeq());
    }

    private static void addDropped(RecipientState state, long seq) {
        List<DroppedRange> ranges = new ArrayList<>(state.getDropped());
        DroppedRange last = ranges.isEmpty() ? null : ranges.getLast();
        if (last != null && exact(last) && last.getToSeq() == seq - 1) {
            ranges.set(ranges.size() - 1, new DroppedRange(last.getFromSeq(), seq, last.getCount() + 1));
        } else {
            ranges.add(new DroppedRange(seq, seq, 1L));
        }
        if (ranges.size() > MAX_DROPPED_RANGES) {
            DroppedRange first = ranges.removeFirst();
            DroppedRange second = ranges.removeFirst();
            ranges.addFirst(new DroppedRange(first.getFromSeq(), second.getToSeq(), first.getCount() + second.getCount()));
        }
        state.setDropped(ranges);
    }

    private static boolean exact(DroppedRange range) {
        return range.getCount() == range.getToSeq() - range.getFromSeq() + 1;
    }

    /** A group stays open (collapsible) only while its newest notification is unread in the backlog. */
    private void closeGroupIfCurrent(String user, Notification entry) {
        String groupKey = user + SEP + entry.getGroupKey();
        GroupState group = groups.get(groupKey);
        if (group == null || group.getSeq() != entry.getSeq()) {
            return;
        }
        groups.delete(groupKey);
        List<String> actors = new ArrayList<>();
        try (KeyValueIterator<String, Long> it = groupActors.range(groupKey + SEP, groupKey + SEP + END)) {
            it.forEachRemaining(kv -> actors.add(kv.key));
        }
        actors.forEach(groupActors::delete);
    }

    private RecipientState stateOf(String user) {
        RecipientState state = recipients.get(user);
        return state != null ? state : new RecipientState(0L, 0L, 0, new ArrayList<>());
    }

    /** How many unread notifications with seq greater than {@code afterSeq} the cap dropped. */
    public static long droppedAfter(RecipientState state, long afterSeq) {
        long count = 0;
        for (DroppedRange range : state.getDropped()) {
            if (range.getFromSeq() > afterSeq) {
                count += range.getCount();
            } else if (range.getToSeq() > afterSeq) {
                count += exact(range) ? range.getToSeq() - afterSeq : range.getCount();
            }
        }
        return count;
    }
}
