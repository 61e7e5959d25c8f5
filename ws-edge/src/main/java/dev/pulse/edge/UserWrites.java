package dev.pulse.edge;

import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxActionScopes;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.DerivedIds;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * What a connected user writes, always as the user of the token: inbox actions to {@code events.reads}
 * (the processor applies them and the result comes back on the user's inbox stream, to every tab) and
 * chat messages to {@code events.messages} (each recipient gets it in their inbox, unless they blocked
 * the sender or muted messages, as of when it was sent). Idempotent, acks=all.
 */
final class UserWrites {

    private static final String MESSAGE_IDS = "pulse:edge:message:v1";
    private static final String CONVERSATION_IDS = "pulse:conversation:v1";

    private final EventPublisher publisher;

    UserWrites(EventPublisher publisher) {
        this.publisher = publisher;
    }

    /** Why {@code kind} does not take {@code scope}; empty when it does. */
    static Optional<String> problem(InboxActionKind kind, Object scope) {
        return InboxActionScopes.problem(action("check", kind, scope));
    }

    /** Appends the action; completes with where it landed once the broker acknowledged it. */
    CompletableFuture<RecordMetadata> action(String userId, InboxActionKind kind, Object scope, UUID eventId) {
        InboxAction action = action(userId, kind, scope);
        action.setEventId(eventId);
        return publisher.publish(action);
    }

    /**
     * Appends a message; its event id is derived from the sender and the client's message id, so a client
     * that sends it again (it never saw the ack) has no second effect.
     */
    CompletableFuture<Sent> message(String senderId, ClientFrames.Message message) {
        UUID eventId = DerivedIds.of(MESSAGE_IDS, senderId, message.clientMessageId());
        String conversationId = message.conversationId() != null ? message.conversationId()
                : conversationOf(senderId, message.recipients());
        DirectMessage record = DirectMessage.newBuilder()
                .setEventId(eventId)
                .setOccurredAt(Instant.now())
                .setActorId(senderId)
                .setConversationId(conversationId)
                .setMessageId(eventId.toString())
                .setRecipientIds(message.recipients())
                .setText(message.text())
                .build();
        return publisher.publish(record).thenApply(at -> new Sent(eventId, record.getConversationId(), at.offset()));
    }

    /** The conversation of exactly these members, whoever sends: the same id for the same people. */
    static String conversationOf(String senderId, List<String> recipients) {
        TreeSet<String> members = new TreeSet<>(recipients);
        members.add(senderId);
        return "c-" + DerivedIds.of(CONVERSATION_IDS, members.toArray(String[]::new));
    }

    /** Where a message landed: its event id (also its message id), its conversation, its offset. */
    record Sent(UUID eventId, String conversationId, long offset) {
    }

    private static InboxAction action(String userId, InboxActionKind kind, Object scope) {
        return InboxAction.newBuilder()
                .setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now())
                .setActorId(userId)
                .setAction(kind)
                .setScope(scope)
                .build();
    }

}
