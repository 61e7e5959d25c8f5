package dev.pulse.edge;

import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxActionScopes;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Appends a client's inbox actions to {@code events.reads}, as the user from the token: the processor
 * applies them and the result comes back on the user's inbox stream, to every tab. Idempotent, acks=all.
 */
final class InboxActionWriter implements AutoCloseable {

    private final EventPublisher publisher;

    InboxActionWriter(Map<String, Object> clientConfig, Topics topics) {
        this.publisher = new EventPublisher(clientConfig, topics);
    }

    /** Why {@code kind} does not take {@code scope}; empty when it does. */
    static Optional<String> problem(InboxActionKind kind, Object scope) {
        return InboxActionScopes.problem(action("check", kind, scope));
    }

    /** Appends the action; completes with where it landed once the broker acknowledged it. */
    CompletableFuture<RecordMetadata> write(String userId, InboxActionKind kind, Object scope, UUID eventId) {
        InboxAction action = action(userId, kind, scope);
        action.setEventId(eventId);
        return publisher.publish(action);
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

    @Override
    public void close() {
        publisher.close();
    }
}
