package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The body of {@code POST /v1/dev/token}: {@code {"userId": "...", "scopes": [...], "minutes": n}}, scopes
 * and minutes optional. The user id follows the events' id rule (not blank, at most 256 characters); a
 * scope is an OAuth scope token (RFC 6749: printable ASCII without space, quote or backslash); the
 * lifetime is 1 minute to {@link DevMode#maxLifetime()}. Every problem is one 400 {@value InvalidBody#CODE}.
 */
record DevTokenRequest(String userId, List<String> scopes, Duration lifetime) {

    static final List<String> MEMBERS = List.of("userId", "scopes", "minutes");
    static final int MAX_SCOPES = 32;
    static final int MAX_SCOPE_CHARS = 64;
    private static final Pattern SCOPE = Pattern.compile("[\\x21\\x23-\\x5B\\x5D-\\x7E]{1," + MAX_SCOPE_CHARS + "}");

    static DevTokenRequest read(JsonNode body, DevMode dev) {
        List<FieldError> errors = new ArrayList<>();
        if (!body.isObject()) {
            InvalidBody.requireNone(List.of(new FieldError("", "must be an object with " + MEMBERS)));
        }
        body.fieldNames().forEachRemaining(name -> {
            if (!MEMBERS.contains(name)) {
                errors.add(new FieldError("/" + FieldError.token(name), "not a member; the members are " + MEMBERS));
            }
        });
        String userId = userId(body.path("userId"), errors);
        List<String> scopes = scopes(body.path("scopes"), errors);
        Duration lifetime = lifetime(body.path("minutes"), dev, errors);
        InvalidBody.requireNone(errors);
        return new DevTokenRequest(userId, scopes, lifetime);
    }

    private static String userId(JsonNode value, List<FieldError> errors) {
        if (!value.isTextual() || value.textValue().isBlank() || value.textValue().length() > EventJson.MAX_ID_CHARS) {
            errors.add(new FieldError("/userId", "required: a string, not blank, at most " + EventJson.MAX_ID_CHARS
                    + " characters"));
            return null;
        }
        return value.textValue();
    }

    private static List<String> scopes(JsonNode value, List<FieldError> errors) {
        if (value.isMissingNode()) {
            return List.of();
        }
        if (!value.isArray() || value.size() > MAX_SCOPES) {
            errors.add(new FieldError("/scopes", "must be an array of at most " + MAX_SCOPES + " scopes"));
            return List.of();
        }
        List<String> scopes = new ArrayList<>();
        for (int i = 0; i < value.size(); i++) {
            JsonNode scope = value.get(i);
            if (scope.isTextual() && SCOPE.matcher(scope.textValue()).matches()) {
                scopes.add(scope.textValue());
            } else {
                errors.add(new FieldError("/scopes/" + i, "must be a scope of 1 to " + MAX_SCOPE_CHARS
                        + " printable ASCII characters without space, quote or backslash"));
            }
        }
        return scopes;
    }

    private static Duration lifetime(JsonNode value, DevMode dev, List<FieldError> errors) {
        if (value.isMissingNode()) {
            return dev.defaultLifetime();
        }
        long max = dev.maxLifetime().toMinutes();
        if (!value.isIntegralNumber() || !value.canConvertToLong() || value.longValue() < 1 || value.longValue() > max) {
            errors.add(new FieldError("/minutes", "must be a whole number from 1 to " + max));
            return dev.defaultLifetime();
        }
        return Duration.ofMinutes(value.longValue());
    }
}
