package dev.pulse.schemas;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class InboxActionScopesTest {

    private static InboxAction action(InboxActionKind kind, Object scope) {
        return InboxAction.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.EPOCH).setActorId("bob")
                .setAction(kind).setScope(scope).build();
    }

    private static Listed listed(String... ids) {
        return new Listed(List.of(ids), List.of());
    }

    @Test
    void shouldAcceptEveryScopeForReadSeenAndArchive() {
        for (InboxActionKind kind : List.of(InboxActionKind.READ, InboxActionKind.SEEN, InboxActionKind.ARCHIVE)) {
            assertThat(InboxActionScopes.problem(action(kind, new WholeInbox()))).isEmpty();
            assertThat(InboxActionScopes.problem(action(kind, new UpTo(null, 3L)))).isEmpty();
            assertThat(InboxActionScopes.problem(action(kind, listed("n-1")))).isEmpty();
        }
    }

    @Test
    void shouldRefuseUnreadOfMoreThanListedNotifications() {
        assertThat(InboxActionScopes.problem(action(InboxActionKind.UNREAD, listed("n-1")))).isEmpty();
        assertThat(InboxActionScopes.problem(action(InboxActionKind.UNREAD, new WholeInbox())))
                .hasValueSatisfying(p -> assertThat(p).contains("UNREAD takes a Listed scope"));
    }

    @Test
    void shouldRefuseUnarchiveUpToAPosition() {
        assertThat(InboxActionScopes.problem(action(InboxActionKind.UNARCHIVE, new WholeInbox()))).isEmpty();
        assertThat(InboxActionScopes.problem(action(InboxActionKind.UNARCHIVE, new UpTo(null, 3L)))).isPresent();
    }

    @Test
    void shouldRefuseAListThatNamesNothing() {
        assertThat(InboxActionScopes.problem(action(InboxActionKind.READ, listed())))
                .hasValueSatisfying(p -> assertThat(p).contains("at least one notification"));
    }
}
