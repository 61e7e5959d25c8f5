package dev.pulse.processor.topology;

import java.time.Instant;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * How an event maps onto one set membership: which member of which set it concerns (the store key),
 * whether it says "in" or "out", and when it happened.
 */
public record MembershipRule<V>(Function<V, String> memberKey, Predicate<V> present,
                                Function<V, Instant> occurredAt, Function<V, String> eventId) {
}
