package dev.pulse.processor.inbox;

import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.InboxPosition;
import java.time.Instant;

/**
 * Where a notification stands in a way that survives renumbering: its createdAt, ties broken by its
 * notificationId. Actions "up to" a notification name it by position, so a rebuilt inbox, numbered
 * differently, applies them to the same notifications.
 */
public final class Positions {

    private Positions() {
    }

    /** The position of a notification. */
    public static InboxPosition of(InboxNotification n) {
        return new InboxPosition(n.getCreatedAt(), n.getNotificationId());
    }

    static boolean atOrBefore(InboxNotification n, InboxPosition bound) {
        return compare(n.getCreatedAt(), n.getNotificationId(), bound.getCreatedAt(), bound.getNotificationId()) <= 0;
    }

    static int compare(Instant atA, String idA, Instant atB, String idB) {
        int byTime = atA.compareTo(atB);
        return byTime != 0 ? byTime : idA.compareTo(idB);
    }
}
