package dev.pulse.schemas;

import java.util.Optional;

/**
 * Which scopes an inbox action takes: UNREAD takes listed notifications; UNARCHIVE takes listed ones or
 * the whole inbox; READ, SEEN and ARCHIVE take any scope. A listed scope names at least one notification.
 * The processor ignores an action outside these rules; the services that accept actions refuse it with
 * this message, so a client learns it rather than seeing nothing happen.
 */
public final class InboxActionScopes {

    private InboxActionScopes() {
    }

    /** Why {@code action}'s scope does not fit its kind; empty when it does. */
    public static Optional<String> problem(InboxAction action) {
        Object scope = action.getScope();
        if (scope instanceof Listed listed && listed.getNotificationIds().isEmpty() && listed.getSeqs().isEmpty()) {
            return Optional.of("a Listed scope must name at least one notification");
        }
        return switch (action.getAction()) {
            case UNREAD -> scope instanceof Listed ? Optional.empty()
                    : Optional.of("UNREAD takes a Listed scope: name the notifications to mark unread");
            case UNARCHIVE -> scope instanceof Listed || scope instanceof WholeInbox ? Optional.empty()
                    : Optional.of("UNARCHIVE takes a Listed or WholeInbox scope");
            default -> Optional.empty();
        };
    }
}
