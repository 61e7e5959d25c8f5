package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxActionScopes;
import dev.pulse.service.Json;
import java.util.List;

/**
 * The body of an inbox action route ({@code POST /v1/me/inbox/read} ...) as an {@link InboxAction}: the body
 * is the action's {@code scope} in the JSON form {@code POST /v1/events} takes ({@code {"type":"Listed",
 * "notificationIds":[...]}}, {@code {"type":"UpTo","position":{...}}}, {@code {"type":"WholeInbox"}}), so it
 * is read by the same {@link AvroJson}; the actor is the token's {@code sub}, the kind the route's. Every
 * problem is a 400 {@value InvalidBody#CODE} whose fields point into the body; a scope the kind does not
 * take ({@link InboxActionScopes}) is one too.
 */
final class InboxActionBody {

    private static final String SCOPE = "scope";

    private InboxActionBody() {
    }

    static InboxAction read(JsonNode scope, String actorId, InboxActionKind kind, AvroJson json) {
        ObjectNode document = Json.mapper().createObjectNode()
                .put(AvroJson.TYPE, InboxAction.getClassSchema().getName())
                .put("actorId", actorId)
                .put("action", kind.name());
        document.set(SCOPE, scope);
        AvroJson.Decoded decoded = json.read(document, "");
        InvalidBody.requireNone(decoded.errors().stream().map(InboxActionBody::inBody).toList());
        InboxAction action = (InboxAction) decoded.record();
        InvalidBody.requireNone(InboxActionScopes.problem(action).map(problem -> List.of(new FieldError("", problem)))
                .orElse(List.of()));
        return action;
    }

    /** {@code error} pointing into the body, which is the scope: {@code /scope/notificationIds/0} is {@code /notificationIds/0}. */
    private static FieldError inBody(FieldError error) {
        String prefix = "/" + SCOPE;
        boolean inScope = error.field().equals(prefix) || error.field().startsWith(prefix + "/");
        return inScope ? new FieldError(error.field().substring(prefix.length()), error.message()) : error;
    }
}
