package dev.pulse.processor.topology;

import dev.pulse.processor.state.Membership;
import org.apache.kafka.streams.processor.api.FixedKeyProcessor;
import org.apache.kafka.streams.processor.api.FixedKeyProcessorContext;
import org.apache.kafka.streams.processor.api.FixedKeyRecord;
import org.apache.kafka.streams.state.KeyValueStore;

/**
 * Keeps one membership per (set, member) and forwards an event only when it flips it. The newest
 * event by occurrence time wins (ties broken by event id), so a duplicate, a second LIKE, an UNLIKE
 * without a LIKE, or an UNLIKE overtaken by its older LIKE never changes a count: cost is one store
 * read and at most one write per event, however large the set.
 */
final class MembershipProcessor<V> implements FixedKeyProcessor<String, V, Flip<V>> {

    private final MembershipRule<V> rule;
    private final String storeName;
    private FixedKeyProcessorContext<String, Flip<V>> context;
    private KeyValueStore<String, Membership> memberships;

    MembershipProcessor(MembershipRule<V> rule, String storeName) {
        this.rule = rule;
        this.storeName = storeName;
    }

    @Override
    public void init(FixedKeyProcessorContext<String, Flip<V>> context) {
        this.context = context;
        this.memberships = context.getStateStore(storeName);
    }

    @Override
    public void process(FixedKeyRecord<String, V> record) {
        V event = record.value();
        String key = rule.memberKey().apply(event);
        Membership current = memberships.get(key);
        Membership next = new Membership(rule.present().test(event), rule.occurredAt().apply(event),
                rule.eventId().apply(event));
        if (current != null && !isNewer(next, current)) {
            return;
        }
        memberships.put(key, next);
        boolean before = current != null && current.getPresent();
        if (before != next.getPresent()) {
            context.forward(record.withValue(new Flip<>(event, next.getPresent())));
        }
    }

    private static boolean isNewer(Membership candidate, Membership current) {
        int byTime = candidate.getOccurredAt().compareTo(current.getOccurredAt());
        return byTime > 0 || (byTime == 0 && candidate.getEventId().compareTo(current.getEventId()) > 0);
    }
}
