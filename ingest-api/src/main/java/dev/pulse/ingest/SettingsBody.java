package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schemas.UserSettings;
import dev.pulse.service.Json;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;

/**
 * The body of {@code PUT /v1/users/{id}/settings} as a {@link UserSettings} record: an object with the
 * record's own settings ({@link #SETTINGS}: every field but the event fields and {@code userId}, so
 * {@code mutedTypes} and {@code blockedUserIds}), read by the same {@link AvroJson} as {@code POST /v1/events}.
 * A PUT replaces the whole settings: an absent member takes its schema default (an empty list). The user
 * comes from the path, the actor from the token. Every problem is one 400 {@value InvalidBody#CODE}.
 */
final class SettingsBody {

    /** The field naming whose settings these are; from the path, never from the body. */
    static final String OWNER = "userId";
    static final List<String> SETTINGS = UserSettings.getClassSchema().getFields().stream().map(Schema.Field::name)
            .filter(name -> !EventJson.EVENT_FIELDS.contains(name) && !name.equals(OWNER)).toList();

    private SettingsBody() {
    }

    static UserSettings read(JsonNode body, String actorId, String userId, AvroJson json) {
        if (!body.isObject()) {
            InvalidBody.requireNone(List.of(new FieldError("", "must be an object with " + SETTINGS)));
        }
        List<FieldError> errors = new ArrayList<>();
        ObjectNode document = Json.mapper().createObjectNode()
                .put(AvroJson.TYPE, UserSettings.getClassSchema().getName())
                .put("actorId", actorId)
                .put(OWNER, userId);
        body.properties().forEach(member -> {
            if (SETTINGS.contains(member.getKey())) {
                document.set(member.getKey(), member.getValue());
            } else {
                errors.add(new FieldError("/" + FieldError.token(member.getKey()), "not a setting; the settings are " + SETTINGS));
            }
        });
        AvroJson.Decoded decoded = json.read(document, "");
        errors.addAll(decoded.errors());
        InvalidBody.requireNone(errors);
        return (UserSettings) decoded.record();
    }
}
