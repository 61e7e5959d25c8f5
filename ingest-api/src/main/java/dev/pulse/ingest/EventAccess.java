package dev.pulse.ingest;

import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.avro.Schema;
import org.apache.avro.specific.SpecificRecord;

/**
 * Who may post which events: a service token with the {@value #WRITE_SCOPE} scope posts for anyone; a
 * user token only events it acts in itself, i.e. whose {@code actorId} (and, for settings, whose
 * {@code userId}) is its {@code sub}. A refusal is a 403 listing the indexes of the events refused.
 */
final class EventAccess {

    /** Scope of service tokens that post events for any user. */
    static final String WRITE_SCOPE = "events:write";
    /** Fields naming the user an event acts as or for; each present one must be the caller's own id. */
    static final List<String> OWNER_FIELDS = List.of("actorId", "userId");

    private EventAccess() {
    }

    static void requireMayPost(Principal principal, List<SpecificRecord> events) {
        if (principal.hasScope(WRITE_SCOPE)) {
            return;
        }
        List<Integer> refused = IntStream.range(0, events.size())
                .filter(i -> !ownedBy(events.get(i), principal.userId())).boxed().toList();
        if (!refused.isEmpty()) {
            throw ProblemException.forbidden("a user token may post only its own events (actorId, and a UserSettings'"
                            + " userId, equal to its sub); posting for others needs the '" + WRITE_SCOPE + "' scope")
                    .withExtensions(Map.of("indexes", refused));
        }
    }

    private static boolean ownedBy(SpecificRecord event, String userId) {
        for (String name : OWNER_FIELDS) {
            Schema.Field field = event.getSchema().getField(name);
            if (field != null && !userId.equals(String.valueOf(event.get(field.pos())))) {
                return false;
            }
        }
        return true;
    }
}
