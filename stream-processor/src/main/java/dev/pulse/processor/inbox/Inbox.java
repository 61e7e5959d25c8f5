package dev.pulse.processor.inbox;

import dev.pulse.processor.state.ActorShare;
import dev.pulse.processor.state.Contribution;
import dev.pulse.processor.state.InboxUser;
import dev.pulse.processor.state.NotificationRequest;
import dev.pulse.processor.topology.NotificationRequests;
import dev.pulse.schemas.DeliveredMessage;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.NotificationIssued;
import dev.pulse.schemas.NotificationWithdrawn;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Every recipient's inbox as contributions arrive and are taken back: a contribution (a like, comment,
 * follow or message) joins its group's open notification, re-issued under a new seq, or opens a new one;
 * the inbox keeps the newest {@code size} notifications and drops the oldest; a withdrawn contribution
 * re-issues its notification without it, or withdraws the notification when nothing is left. Each change
 * is one {@link InboxRecord}. Not thread-safe: one per stream task.
 */
final class Inbox {

    private final InboxStores stores;
    private final InboxSettings settings;

    Inbox(InboxStores stores, InboxSettings settings) {
        this.stores = stores;
        this.settings = settings;
    }

    /** Counts a contribution; the record of what changed, or nothing for a repeat that adds nothing. */
    Optional<InboxRecord> contribute(NotificationRequest request) {
        String user = request.getRecipientId();
        String key = InboxKeys.contribution(user, request.getGroupKey(), request.getContributionId());
        if (stores.contributions.get(key) != null) {
            return Optional.empty();
        }
        InboxUser ledger = Optional.ofNullable(stores.users.get(user)).orElseGet(Ledger::fresh);
        String open = stores.openGroups.get(InboxKeys.openGroup(user, request.getGroupKey()));
        InboxNotification current = open == null ? null : stores.entry(user, open);
        String id = current == null ? request.getSourceEventId().toString() : current.getNotificationId();
        stores.contributions.put(key, new Contribution(id, request.getActorId(), request.getOccurredAt(),
                request.getPreview()));
        boolean newActor = share(user, id, request, current == null);
        if (current != null && !newActor && request.getPreview() == null) {
            return Optional.empty();
        }
        long seq = Ledger.next(ledger);
        InboxNotification next = current == null ? opened(request, seq) : joined(current, request, newActor, seq);
        stores.putVersion(user, next, current == null ? seq : current.getSeq(), seq);
        if (current == null) {
            stores.openGroups.put(InboxKeys.openGroup(user, request.getGroupKey()), id);
            ledger.setSize(ledger.getSize() + 1);
        }
        Ledger.count(ledger, current, next);
        List<String> dropped = dropOverCap(user, ledger);
        stores.users.put(user, ledger);
        return Optional.of(InboxRecords.of(user, ledger, seq, request.getOccurredAt(),
                new NotificationIssued(next, delivered(request)), dropped));
    }

    /** Takes a contribution back; the record of what changed, or nothing when it no longer counts anywhere. */
    Optional<InboxRecord> withdraw(NotificationRequest request) {
        String user = request.getRecipientId();
        String key = InboxKeys.contribution(user, request.getGroupKey(), request.getContributionId());
        Contribution taken = stores.contributions.get(key);
        InboxUser ledger = stores.users.get(user);
        if (taken == null || ledger == null) {
            return Optional.empty();
        }
        stores.contributions.delete(key);
        InboxNotification current = stores.entry(user, taken.getNotificationId());
        if (current == null) {
            return Optional.empty();
        }
        boolean actorGone = unshare(user, taken, request.getContributionId());
        long seq = Ledger.next(ledger);
        long actors = current.getActorCount() - (actorGone ? 1 : 0);
        InboxRecord record;
        if (actors <= 0) {
            stores.remove(user, current);
            ledger.setSize(ledger.getSize() - 1);
            Ledger.count(ledger, current, null);
            Ledger.withdrawn(ledger, seq, current.getNotificationId(), settings.size());
            record = InboxRecords.of(user, ledger, seq, request.getOccurredAt(), new NotificationWithdrawn(
                    current.getNotificationId(), current.getSeq(), request.getSourceEventId()), List.of());
        } else {
            InboxNotification next = without(user, current, taken, actorGone, actors, request, seq);
            stores.putVersion(user, next, current.getSeq(), seq);
            record = InboxRecords.of(user, ledger, seq, request.getOccurredAt(), new NotificationIssued(next, null),
                    List.of());
        }
        stores.users.put(user, ledger);
        return Optional.of(record);
    }

    /** The whole message a MESSAGE contribution brings, for its live record; nothing for other kinds. */
    private static DeliveredMessage delivered(NotificationRequest request) {
        return request.getText() == null ? null : new DeliveredMessage(request.getContributionId(), request.getText());
    }

    private static InboxNotification opened(NotificationRequest request, long seq) {
        return InboxNotification.newBuilder().setNotificationId(request.getSourceEventId().toString()).setSeq(seq)
                .setType(NotificationRequests.type(request)).setActorIds(List.of(request.getActorId()))
                .setActorCount(1).setTarget(NotificationRequests.target(request)).setGroupKey(request.getGroupKey())
                .setCreatedAt(request.getOccurredAt()).setPreview(request.getPreview())
                .setSourceEventId(request.getSourceEventId()).build();
    }

    /** The open notification with one more contribution: new activity, so unseen again. */
    private InboxNotification joined(InboxNotification current, NotificationRequest request, boolean newActor,
                                     long seq) {
        List<String> shown = new ArrayList<>(settings.actorsShown());
        shown.add(request.getActorId());
        current.getActorIds().stream().filter(a -> !a.equals(request.getActorId()))
                .limit(settings.actorsShown() - 1L).forEach(shown::add);
        Instant createdAt = later(current.getCreatedAt(), request.getOccurredAt());
        return InboxNotification.newBuilder(current).setSeq(seq).setActorIds(shown)
                .setActorCount(current.getActorCount() + (newActor ? 1 : 0)).setCreatedAt(createdAt)
                .setPreview(request.getPreview() != null ? request.getPreview() : current.getPreview())
                .setSourceEventId(request.getSourceEventId()).setSeenAt(null).build();
    }

    /** The notification without a withdrawn contribution: states kept, the newest remaining actors shown. */
    private InboxNotification without(String user, InboxNotification current, Contribution taken, boolean actorGone,
                                      long actors, NotificationRequest request, long seq) {
        InboxNotification.Builder next = InboxNotification.newBuilder(current).setSeq(seq).setActorCount(actors)
                .setSourceEventId(request.getSourceEventId());
        boolean newestTaken = !taken.getOccurredAt().isBefore(current.getCreatedAt());
        boolean previewTaken = taken.getPreview() != null && Objects.equals(taken.getPreview(), current.getPreview());
        if (!actorGone && !newestTaken && !previewTaken) {
            return next.build();
        }
        List<Contribution> left = new ArrayList<>(stores.contributionsOf(user, current.getGroupKey(),
                current.getNotificationId()));
        left.sort(Comparator.comparing(Contribution::getOccurredAt).reversed());
        if (actorGone || newestTaken) {
            next.setActorIds(left.stream().map(Contribution::getActorId).distinct().limit(settings.actorsShown())
                    .toList());
            left.stream().findFirst().ifPresent(c -> next.setCreatedAt(c.getOccurredAt()));
        }
        if (previewTaken) {
            next.setPreview(left.stream().map(Contribution::getPreview).filter(Objects::nonNull).findFirst()
                    .orElse(null));
        }
        return next.build();
    }

    /**
     * Adds the actor's share of a notification; true when the actor is new to it. A like or follow is its
     * actor (the membership lets an actor in once until taken back), so only comments and messages,
     * several per actor, keep shares; a notification just opened has no actor yet.
     */
    private boolean share(String user, String notificationId, NotificationRequest request, boolean opened) {
        if (request.getContributionId().equals(request.getActorId())) {
            return true;
        }
        String key = InboxKeys.actor(user, notificationId, request.getActorId());
        ActorShare share = opened ? null : stores.actors.get(key);
        stores.actors.put(key, share == null ? new ActorShare(1, request.getOccurredAt())
                : new ActorShare(share.getContributions() + 1, later(share.getLastAt(), request.getOccurredAt())));
        return share == null;
    }

    /** Removes one contribution from its actor's share; true when the actor has none left in it. */
    private boolean unshare(String user, Contribution taken, String contributionId) {
        if (contributionId.equals(taken.getActorId())) {
            return true;
        }
        String key = InboxKeys.actor(user, taken.getNotificationId(), taken.getActorId());
        ActorShare share = stores.actors.get(key);
        if (share == null || share.getContributions() <= 1) {
            stores.actors.delete(key);
            return share != null;
        }
        stores.actors.put(key, new ActorShare(share.getContributions() - 1, share.getLastAt()));
        return false;
    }

    private List<String> dropOverCap(String user, InboxUser ledger) {
        List<String> dropped = new ArrayList<>();
        while (ledger.getSize() > settings.size()) {
            InboxNotification oldest = stores.oldest(user);
            long lastChange = stores.lastChangeSeq(user, oldest.getNotificationId());
            stores.remove(user, oldest);
            Ledger.dropped(ledger, oldest, lastChange, settings.size());
            dropped.add(oldest.getNotificationId());
        }
        return dropped;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
