package dev.pulse.processor.query;

import dev.pulse.schemas.Notification;
import java.time.Instant;
import java.util.List;

/**
 * A page of a user's unread backlog as the query API answers it, and as an instance reads the owner's
 * answer back.
 */
record BacklogView(String userId, long afterSeq, List<NotificationView> notifications, long dropped, long unread,
                   long lastSeq, boolean more) {

    static BacklogView of(StoreQueries.Backlog backlog, long afterSeq) {
        return new BacklogView(backlog.userId(), afterSeq,
                backlog.notifications().stream().map(NotificationView::of).toList(),
                backlog.dropped(), backlog.unread(), backlog.lastSeq(), backlog.more());
    }

    /** One notification; actors most recent first. */
    record NotificationView(long seq, String type, List<String> actorIds, long actorCount, Target target,
                            String groupKey, Instant createdAt, String preview) {

        static NotificationView of(Notification n) {
            return new NotificationView(n.getSeq(), n.getType().name(), List.copyOf(n.getActorIds()), n.getActorCount(),
                    new Target(n.getTarget().getKind().name(), n.getTarget().getId()), n.getGroupKey(),
                    n.getCreatedAt(), n.getPreview());
        }
    }

    /** What a notification is about. */
    record Target(String kind, String id) {
    }
}
