package dev.pulse.processor.it;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxPosition;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationState;
import dev.pulse.schemas.NotificationWithdrawn;
import dev.pulse.schemas.StatesChanged;
import dev.pulse.schemas.kafka.Topics;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * One user's inbox as a client holds it after applying the user's {@link InboxRecord}s in the order the
 * topic gives them, as README says a client does: upsert an issued notification by id, apply state
 * changes, remove withdrawn and dropped ones, show the counts of the last record. Tests compare this
 * with the processor's stores (the query API) and with a rebuild.
 */
final class ClientInbox {

    /** A held notification with the seq of the last record that changed it (the query API's {@code changeSeq}). */
    record Held(InboxNotification notification, long changeSeq) {
    }

    private final Map<String, Held> held = new TreeMap<>();
    private String epoch;
    private long lastSeq;
    private long unread;
    private long unseen;

    /** Every committed record of the inbox topic, each partition in order (so each user's records in seq order). */
    static List<InboxRecord> records(KafkaCluster kafka, Topics topics) {
        return TopicRecords.readAll(kafka.bootstrapServers(), topics.inbox()).stream().map(ConsumerRecord::value)
                .toList();
    }

    /** Every recipient's inbox from records in topic order (each recipient's records in one partition). */
    static Map<String, ClientInbox> fold(Collection<InboxRecord> records) {
        Map<String, ClientInbox> inboxes = new TreeMap<>();
        records.forEach(r -> inboxes.computeIfAbsent(r.getRecipientId(), u -> new ClientInbox()).apply(r));
        return inboxes;
    }

    void apply(InboxRecord record) {
        switch (record.getChange()) {
            case NotificationIssued issued -> held.put(issued.getNotification().getNotificationId(),
                    new Held(issued.getNotification(), record.getSeq()));
            case StatesChanged states -> states.getStates().forEach(s -> changeState(s, record.getSeq()));
            case NotificationWithdrawn withdrawn -> held.remove(withdrawn.getNotificationId());
            default -> throw new IllegalArgumentException("Unknown inbox change " + record.getChange());
        }
        record.getDroppedNotificationIds().forEach(held::remove);
        epoch = record.getEpoch();
        lastSeq = record.getSeq();
        unread = record.getUnread();
        unseen = record.getUnseen();
    }

    private void changeState(NotificationState state, long seq) {
        Held current = held.get(state.getNotificationId());
        if (current == null) {
            throw new AssertionError("state change of a notification the client does not hold: " + state);
        }
        InboxNotification next = InboxNotification.newBuilder(current.notification()).setSeq(state.getSeq())
                .setSeenAt(state.getSeenAt()).setReadAt(state.getReadAt()).setArchivedAt(state.getArchivedAt()).build();
        held.put(state.getNotificationId(), new Held(next, seq));
    }

    /** Held notifications by id. */
    Map<String, Held> held() {
        return Map.copyOf(held);
    }

    /** Held notifications, not archived, oldest position first: what the client lists. */
    List<InboxNotification> listed() {
        return held.values().stream().map(Held::notification).filter(n -> n.getArchivedAt() == null)
                .sorted(Comparator.comparing(InboxNotification::getCreatedAt)
                        .thenComparing(InboxNotification::getNotificationId))
                .toList();
    }

    /** The position of the newest notification the client lists, for an {@code UpTo} action. */
    Optional<InboxPosition> newestListed() {
        List<InboxNotification> listed = listed();
        return listed.isEmpty() ? Optional.empty() : Optional.of(new InboxPosition(listed.getLast().getCreatedAt(),
                listed.getLast().getNotificationId()));
    }

    /**
     * What must survive renumbering, by notification id: what each notification says and its states.
     * Seqs are left out (a rebuild numbers again); createdAt stays (it is half of a position).
     */
    Map<String, String> contentById() {
        Map<String, String> content = new HashMap<>();
        held.forEach((id, h) -> {
            InboxNotification n = h.notification();
            content.put(id, n.getType() + " actors=" + n.getActorCount() + " " + n.getActorIds() + " target="
                    + n.getTarget().getKind() + ":" + n.getTarget().getId() + " preview=" + n.getPreview()
                    + " createdAt=" + n.getCreatedAt() + " seen=" + n.getSeenAt() + " read=" + n.getReadAt()
                    + " archived=" + n.getArchivedAt());
        });
        return new TreeMap<>(content);
    }

    String epoch() {
        return epoch;
    }

    long lastSeq() {
        return lastSeq;
    }

    long unread() {
        return unread;
    }

    long unseen() {
        return unseen;
    }
}
