package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.JsonBody;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import dev.pulse.schemas.UserSettings;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code PUT /v1/users/{userId}/settings} (registered under {@value #PATH}): a user's notification settings,
 * written as one {@code UserSettings} record ({@link SettingsBody}) to the catalogue's topic under the user,
 * through the {@link WriteGate} (rate limit, {@code Idempotency-Key}, counters), answered 202 once Kafka has
 * it. A token may change only its own {@code sub}'s settings unless it has the {@value #ADMIN_SCOPE} scope
 * (an operator acting for a user); the actor is always the token's {@code sub}. Reading settings is the
 * processor's: it owns their state.
 */
final class SettingsService implements HttpService {

    static final String PATH = "/v1/users";
    /** Scope of operators who change any user's settings. */
    static final String ADMIN_SCOPE = "settings:admin";

    private final AvroJson json;
    private final WriteGate gate;
    private final long maxBytes;

    SettingsService(AvroJson json, WriteGate gate, long maxBytes) {
        this.json = json;
        this.gate = gate.forRoute(IngestMetrics.SETTINGS_ROUTE);
        this.maxBytes = maxBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{userId}/settings", this::put);
    }

    private void put(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        WriteGate.Admitted admitted = gate.admit(req);
        Principal principal = admitted.caller();
        JsonNode body = gate.counting(1, () -> {
            if (!principal.userId().equals(userId) && !principal.hasScope(ADMIN_SCOPE)) {
                throw ProblemException.forbidden("a token may change only its own sub's settings; changing another"
                        + " user's needs the '" + ADMIN_SCOPE + "' scope");
            }
            return JsonBody.read(req, maxBytes);
        });
        UserSettings settings = gate.counting(1, () -> SettingsBody.read(body, principal.userId(), userId, json));
        gate.writeOne(res, admitted, body, settings);
    }
}
