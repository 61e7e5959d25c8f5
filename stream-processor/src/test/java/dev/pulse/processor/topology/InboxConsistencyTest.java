package dev.pulse.processor.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.processor.inbox.InboxSettings;
import dev.pulse.processor.inbox.Positions;
import dev.pulse.processor.query.InboxQueries;
import dev.pulse.schemas.views.InboxViews;
import dev.pulse.processor.state.InboxRef;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxPosition;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A busy recipient (hundreds of open groups, likes taken back, comments deleted, reads, unreads and
 * archives in random order, a small cap) checked after every event against what a client applying the
 * inbox stream holds: the inbox equals the client's view, the counts equal the client's unread and unseen
 * plus the dropped ones by the documented rule, and resuming from any earlier seq gives the same inbox,
 * the exact gap, and misses nothing but superseded or dropped changes.
 */
class InboxConsistencyTest {

    private static final String USER = "bob";
    private static final int SIZE = 20;

    private final TopologyHarness harness = new TopologyHarness(TopologySettings.defaults()
            .withInbox(new InboxSettings(SIZE, 3)));
    private final Random random = new Random(20261130);
    private final Map<String, InboxNotification> view = new HashMap<>();
    private final Map<String, InboxNotification> dropped = new HashMap<>();
    private final Map<String, Long> lastTouch = new HashMap<>();
    private final Map<Long, Set<String>> touchedBy = new TreeMap<>();
    private final List<Long> dropLastChanges = new ArrayList<>();
    private final Set<String> likes = new HashSet<>();
    private final Map<String, String> comments = new HashMap<>();
    private final List<Snapshot> snapshots = new ArrayList<>();
    private InboxPosition newestDropped;
    private long lastSeq;
    private int second;

    private record Snapshot(long seq, Map<String, InboxNotification> view) {
    }

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldKeepInboxCountsAndResumeExactForABusyRecipient() {
        for (int step = 0; step < 1_500; step++) {
            second++;
            int dice = random.nextInt(100);
            if (dice < 45) {
                like();
            } else if (dice < 55) {
                unlike();
            } else if (dice < 63) {
                comment();
            } else if (dice < 68) {
                deleteComment();
            } else {
                act();
            }
            if (step > 1_400 || random.nextInt(10) == 0) {
                snapshots.add(new Snapshot(lastSeq, copy(view)));
            }
        }
        assertThat(dropped).as("the cap dropped notifications").hasSizeGreaterThan(100);
        long resumedOverGaps = snapshots.stream().filter(this::assertResumes).count();
        assertThat(resumedOverGaps).as("resumes across drops").isGreaterThan(5);
    }

    private void like() {
        String pair = "p" + random.nextInt(300) + "/a" + random.nextInt(12);
        likes.add(pair);
        String[] parts = pair.split("/");
        send(() -> harness.send(Events.like(parts[1], parts[0], USER, second)));
    }

    private void unlike() {
        if (likes.isEmpty()) {
            return;
        }
        String pair = likes.stream().skip(random.nextInt(likes.size())).findFirst().orElseThrow();
        likes.remove(pair);
        String[] parts = pair.split("/");
        send(() -> harness.send(Events.unlike(parts[1], parts[0], USER, second)));
    }

    private void comment() {
        String id = "c" + second;
        String post = "p" + random.nextInt(300);
        comments.put(id, post);
        send(() -> harness.send(Events.comment("a" + random.nextInt(12), post, USER, id, second)));
    }

    private void deleteComment() {
        if (comments.isEmpty()) {
            return;
        }
        String id = comments.keySet().stream().sorted().skip(random.nextInt(comments.size())).findFirst().orElseThrow();
        String post = comments.remove(id);
        send(() -> harness.send(Events.deleteComment("x", post, USER, id, second)));
    }

    private void act() {
        List<InboxNotification> held = view.values().stream()
                .sorted(Comparator.comparingLong(InboxNotification::getSeq)).toList();
        if (held.isEmpty()) {
            return;
        }
        InboxNotification some = held.get(random.nextInt(held.size()));
        InboxNotification newest = held.stream().max(Comparator.comparing(InboxNotification::getCreatedAt)
                .thenComparing(InboxNotification::getNotificationId)).orElseThrow();
        InboxAction action = switch (random.nextInt(9)) {
            case 0 -> Events.upTo(USER, InboxActionKind.SEEN, newest, second);
            case 1 -> Events.upTo(USER, InboxActionKind.READ, some, second);
            case 2 -> Events.upTo(USER, InboxActionKind.READ, newest, second);
            case 3 -> Events.listed(USER, InboxActionKind.UNREAD, List.of(some.getNotificationId()), second);
            case 4 -> Events.listed(USER, InboxActionKind.ARCHIVE, List.of(some.getNotificationId()), second);
            case 5 -> Events.listed(USER, InboxActionKind.UNARCHIVE, List.of(some.getNotificationId()), second);
            case 6 -> Events.whole(USER, random.nextBoolean() ? InboxActionKind.READ : InboxActionKind.ARCHIVE,
                    second);
            case 7 -> Events.listed(USER, InboxActionKind.READ, dropped.isEmpty() ? List.of(some.getNotificationId())
                    : List.of(dropped.keySet().iterator().next()), second);
            default -> Events.listed(USER, InboxActionKind.READ, List.of(some.getNotificationId()), second);
        };
        applyToDropped(action);
        send(() -> harness.send(action));
    }

    /** The documented rule: only READ or SEEN of the whole inbox, or up to a position at or after the newest dropped. */
    private void applyToDropped(InboxAction action) {
        boolean covers = action.getScope() instanceof WholeInbox || action.getScope() instanceof UpTo upTo
                && newestDropped != null && compare(newestDropped, upTo.getPosition()) <= 0;
        if (!covers || action.getAction() != InboxActionKind.READ && action.getAction() != InboxActionKind.SEEN) {
            return;
        }
        dropped.replaceAll((id, n) -> {
            InboxNotification.Builder next = InboxNotification.newBuilder(n).setSeenAt(
                    n.getSeenAt() != null ? n.getSeenAt() : action.getOccurredAt());
            if (action.getAction() == InboxActionKind.READ && n.getReadAt() == null) {
                next.setReadAt(action.getOccurredAt());
            }
            return next.build();
        });
    }

    private void send(Runnable input) {
        input.run();
        for (InboxRecord record : harness.inboxRecords()) {
            assertThat(record.getSeq()).isEqualTo(++lastSeq);
            apply(record);
            assertThat(record.getUnread()).as("unread after seq %d", record.getSeq()).isEqualTo(count(true));
            assertThat(record.getUnseen()).as("unseen after seq %d", record.getSeq()).isEqualTo(count(false));
        }
        assertThat(byId(harness.inbox(USER))).as("the inbox after seq %d", lastSeq).isEqualTo(view);
    }

    private void apply(InboxRecord record) {
        Set<String> touched = new HashSet<>();
        switch (record.getChange()) {
            case NotificationIssued issued -> {
                view.put(issued.getNotification().getNotificationId(), issued.getNotification());
                touched.add(issued.getNotification().getNotificationId());
            }
            case StatesChanged states -> states.getStates().forEach(s -> {
                view.computeIfPresent(s.getNotificationId(), (id, n) -> withState(n, s));
                touched.add(s.getNotificationId());
            });
            case NotificationWithdrawn withdrawn -> {
                view.remove(withdrawn.getNotificationId());
                touched.add(withdrawn.getNotificationId());
            }
            default -> throw new IllegalStateException("unknown change " + record.getChange());
        }
        touched.forEach(id -> lastTouch.put(id, record.getSeq()));
        touchedBy.put(record.getSeq(), touched);
        for (String id : record.getDroppedNotificationIds()) {
            InboxNotification n = view.remove(id);
            dropped.put(id, n);
            dropLastChanges.add(lastTouch.get(id));
            InboxPosition position = Positions.of(n);
            newestDropped = newestDropped == null || compare(position, newestDropped) > 0 ? position : newestDropped;
        }
    }

    private long count(boolean unread) {
        return java.util.stream.Stream.concat(view.values().stream(), dropped.values().stream())
                .filter(n -> n.getArchivedAt() == null && (unread ? n.getReadAt() : n.getSeenAt()) == null).count();
    }

    /** Checks a resume from the snapshot; true when it resumed across notifications the cap dropped. */
    private boolean assertResumes(Snapshot snapshot) {
        InboxUser ledger = harness.inboxUser(USER);
        InboxViews.Changes changes = queries().changes(USER, ledger.getEpoch(), snapshot.seq());
        assertThat(changes.reset()).as("reset after %d", snapshot.seq())
                .isEqualTo(snapshot.seq() < ledger.getForgottenUpTo());
        if (changes.reset()) {
            return false;
        }
        Map<String, InboxNotification> resumed = copy(snapshot.view());
        Set<String> upserted = new HashSet<>();
        Set<Long> represented = new HashSet<>();
        changes.notifications().forEach(n -> {
            resumed.put(n.notificationId(), view.get(n.notificationId()));
            upserted.add(n.notificationId());
            represented.add(n.changeSeq());
        });
        changes.states().forEach(s -> {
            resumed.computeIfPresent(s.notificationId(), (id, n) -> view.get(id));
            represented.add(s.changeSeq());
        });
        changes.withdrawn().forEach(w -> {
            resumed.remove(w.notificationId());
            represented.add(w.seq());
        });
        resumed.values().removeIf(n -> n.getSeq() < changes.floorSeq() && !upserted.contains(n.getNotificationId()));
        assertThat(resumed).as("the inbox resumed after %d", snapshot.seq()).isEqualTo(view);
        long lost = dropLastChanges.stream().filter(seq -> seq > snapshot.seq()).count();
        assertThat(changes.gap() == null ? 0 : changes.gap().dropped()).as("gap after %d", snapshot.seq())
                .isEqualTo(lost);
        for (long seq = snapshot.seq() + 1; seq <= lastSeq; seq++) {
            long s = seq;
            boolean inGap = changes.gap() != null && s <= changes.gap().toSeq();
            boolean superseded = touchedBy.get(s).stream().allMatch(id -> lastTouch.get(id) > s);
            assertThat(represented.contains(s) || inGap || superseded)
                    .as("seq %d after resuming from %d", s, snapshot.seq()).isTrue();
        }
        return changes.gap() != null;
    }

    private InboxQueries queries() {
        return new InboxQueries(harness.driver.<String, InboxUser>getKeyValueStore(StoreNames.INBOX_USERS),
                harness.driver.<String, InboxNotification>getKeyValueStore(StoreNames.INBOX_ENTRIES),
                harness.driver.<String, InboxRef>getKeyValueStore(StoreNames.INBOX_REFS));
    }

    private static InboxNotification withState(InboxNotification n, NotificationState s) {
        return InboxNotification.newBuilder(n).setSeenAt(s.getSeenAt()).setReadAt(s.getReadAt())
                .setArchivedAt(s.getArchivedAt()).build();
    }

    private static int compare(InboxPosition a, InboxPosition b) {
        int byTime = a.getCreatedAt().compareTo(b.getCreatedAt());
        return byTime != 0 ? byTime : a.getNotificationId().compareTo(b.getNotificationId());
    }

    private static Map<String, InboxNotification> byId(List<InboxNotification> entries) {
        Map<String, InboxNotification> all = new HashMap<>();
        entries.forEach(n -> all.put(n.getNotificationId(), n));
        return all;
    }

    private static Map<String, InboxNotification> copy(Map<String, InboxNotification> view) {
        return new HashMap<>(view);
    }
}
