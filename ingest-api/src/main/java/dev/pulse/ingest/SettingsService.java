package dev.pulse.ingest;

import dev.pulse.service.BearerAuthFilter;
import dev.pulse.service.JsonBody;
import dev.pulse.service.Principal;
import dev.pulse.service.ProblemException;
import io.helidon.webserver.http.HttpRules;
import io.helidon.webserver.http.HttpService;
import io.helidon.webserver.http.ServerRequest;
import io.helidon.webserver.http.ServerResponse;

/**
 * {@code PUT /v1/users/{userId}/settings} (registered under {@value #PATH}): a user's notification settings,
 * written as one {@code UserSettings} record ({@link SettingsBody}) to the catalogue's topic under the user,
 * answered 202 once Kafka has it. A token may change only its own {@code sub}'s settings unless it has the
 * {@value #ADMIN_SCOPE} scope (an operator acting for a user); the actor is always the token's {@code sub}.
 * Reading settings is the processor's: it owns their state.
 */
final class SettingsService implements HttpService {

    static final String PATH = "/v1/users";
    /** Scope of operators who change any user's settings. */
    static final String ADMIN_SCOPE = "settings:admin";

    private final AvroJson json;
    private final EventWriter writer;
    private final long maxBytes;

    SettingsService(AvroJson json, EventWriter writer, long maxBytes) {
        this.json = json;
        this.writer = writer;
        this.maxBytes = maxBytes;
    }

    @Override
    public void routing(HttpRules rules) {
        rules.put("/{userId}/settings", this::put);
    }

    private void put(ServerRequest req, ServerResponse res) {
        String userId = req.path().pathParameters().get("userId");
        Principal principal = BearerAuthFilter.principal(req);
        if (!principal.userId().equals(userId) && !principal.hasScope(ADMIN_SCOPE)) {
            throw ProblemException.forbidden("a token may change only its own sub's settings; changing another"
                    + " user's needs the '" + ADMIN_SCOPE + "' scope");
        }
        SingleEvent.write(writer, SettingsBody.read(JsonBody.read(req, maxBytes), principal.userId(), userId, json), res);
    }
}
