package dev.pulse.edge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxPosition;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.WholeInbox;
import dev.pulse.service.Json;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Reads the frames a client sends on {@code /ws} (docs/PROTOCOL.md). A frame that cannot be read is a
 * {@link Refusal} with the code the client gets in its error frame: {@code invalid_json},
 * {@code unknown_message_type}, or {@code invalid_message} naming the field.
 */
final class ClientFrames {

    static final int MAX_REF_CHARS = 64;
    static final int MAX_IDS = 500;
    static final int MAX_ID_CHARS = 256;
    private static final Map<String, InboxActionKind> ACTIONS = Map.of(
            "seen", InboxActionKind.SEEN, "read", InboxActionKind.READ, "unread", InboxActionKind.UNREAD,
            "archive", InboxActionKind.ARCHIVE, "unarchive", InboxActionKind.UNARCHIVE);

    /** A frame from the client; {@code ref}, when given, comes back in the answer to it. */
    sealed interface Frame {
        String ref();
    }

    record Ping(String ref) implements Frame {
    }

    /** Resume from {@code lastSeq} of {@code epoch}; both absent: start from now. */
    record Resume(String ref, String epoch, long lastSeq) implements Frame {
    }

    /** Start ({@code watch} true) or stop watching post counts, user counts and trending. */
    record Subscription(String ref, boolean watch, List<String> posts, List<String> users, boolean trending)
            implements Frame {
    }

    /** A fresh token for the same user, before the current one expires. */
    record Auth(String ref, String token) implements Frame {
    }

    /** An inbox action on the user's own inbox; {@code scope} is an InboxAction scope record. */
    record Act(String ref, InboxActionKind kind, Object scope) implements Frame {
    }

    /** Why a frame was refused: {@code code} is the error frame's code. */
    static final class Refusal extends Exception {
        final String code;
        final String ref;

        Refusal(String code, String message, String ref) {
            super(message, null, false, false);
            this.code = code;
            this.ref = ref;
        }
    }

    private ClientFrames() {
    }

    static Frame read(String text) throws Refusal {
        JsonNode node;
        try {
            node = Json.mapper().readTree(text);
        } catch (JsonProcessingException e) {
            throw new Refusal("invalid_json", "the frame is not JSON", null);
        }
        if (node == null || !node.isObject()) {
            throw new Refusal("invalid_json", "a frame is a JSON object", null);
        }
        String ref = ref(node);
        JsonNode type = node.get("type");
        if (type == null || !type.isTextual()) {
            throw invalid("type", "must be a string", ref);
        }
        return switch (type.asText()) {
            case "ping" -> new Ping(ref);
            case "resume" -> resume(node, ref);
            case "auth" -> new Auth(ref, text(node, "token", 16 * 1024, ref));
            case "subscribe" -> subscription(node, ref, true);
            case "unsubscribe" -> subscription(node, ref, false);
            default -> {
                InboxActionKind kind = ACTIONS.get(type.asText());
                if (kind == null) {
                    throw new Refusal("unknown_message_type", "unknown type '" + truncated(type.asText()) + "'", ref);
                }
                yield new Act(ref, kind, scope(node, ref));
            }
        };
    }

    private static String ref(JsonNode node) throws Refusal {
        JsonNode ref = node.get("ref");
        if (ref == null || ref.isNull()) {
            return null;
        }
        if (!(ref.isTextual() || ref.isIntegralNumber()) || ref.asText().length() > MAX_REF_CHARS) {
            throw invalid("ref", "must be a string or whole number of up to " + MAX_REF_CHARS + " characters", null);
        }
        return ref.asText();
    }

    private static Resume resume(JsonNode node, String ref) throws Refusal {
        JsonNode epoch = node.get("epoch");
        JsonNode lastSeq = node.get("lastSeq");
        if (epoch == null && lastSeq == null) {
            return new Resume(ref, null, 0);
        }
        String epochText = text(node, "epoch", MAX_ID_CHARS, ref);
        if (lastSeq == null || !lastSeq.canConvertToLong() || !lastSeq.isIntegralNumber() || lastSeq.asLong() < 0) {
            throw invalid("lastSeq", "must be a whole number >= 0, given with epoch", ref);
        }
        return new Resume(ref, epochText, lastSeq.asLong());
    }

    /** {@code posts} and {@code users} (ids), {@code trending} (true): at least one. */
    private static Subscription subscription(JsonNode node, String ref, boolean watch) throws Refusal {
        List<String> posts = node.has("posts") ? ids(node.get("posts"), "posts", ref) : List.of();
        List<String> users = node.has("users") ? ids(node.get("users"), "users", ref) : List.of();
        JsonNode trending = node.get("trending");
        if (trending != null && !trending.isBoolean()) {
            throw invalid("trending", "must be true or false", ref);
        }
        boolean watchTrending = trending != null && trending.asBoolean();
        if (posts.isEmpty() && users.isEmpty() && !watchTrending) {
            throw invalid("posts", "give posts, users or trending: true", ref);
        }
        return new Subscription(ref, watch, posts, users, watchTrending);
    }

    /** {@code ids} (listed), {@code upTo} (a position) or {@code all: true}: exactly one. */
    private static Object scope(JsonNode node, String ref) throws Refusal {
        int given = (node.has("ids") ? 1 : 0) + (node.has("upTo") ? 1 : 0) + (node.has("all") ? 1 : 0);
        if (given != 1) {
            throw invalid("ids", "give exactly one of ids, upTo or all", ref);
        }
        if (node.has("all")) {
            if (!node.get("all").isBoolean() || !node.get("all").asBoolean()) {
                throw invalid("all", "must be true", ref);
            }
            return new WholeInbox();
        }
        if (node.has("upTo")) {
            JsonNode upTo = node.get("upTo");
            if (!upTo.isObject()) {
                throw invalid("upTo", "must be an object with createdAt and notificationId", ref);
            }
            return new UpTo(new InboxPosition(instant(upTo, "upTo/createdAt", ref),
                    text(upTo, "notificationId", MAX_ID_CHARS, ref)), 0L);
        }
        return new Listed(ids(node.get("ids"), "ids", ref), List.of());
    }

    private static List<String> ids(JsonNode ids, String field, String ref) throws Refusal {
        if (!ids.isArray() || ids.isEmpty() || ids.size() > MAX_IDS) {
            throw invalid(field, "must be an array of 1 to " + MAX_IDS + " ids", ref);
        }
        List<String> read = new ArrayList<>(ids.size());
        for (JsonNode id : ids) {
            if (!id.isTextual() || id.asText().isBlank() || id.asText().length() > MAX_ID_CHARS) {
                throw invalid(field, "every id is a non-blank string of up to " + MAX_ID_CHARS + " characters", ref);
            }
            read.add(id.asText());
        }
        return read;
    }

    private static Instant instant(JsonNode parent, String field, String ref) throws Refusal {
        JsonNode value = parent.get("createdAt");
        try {
            if (value != null && value.isTextual()) {
                return Instant.parse(value.asText());
            }
        } catch (DateTimeParseException e) {
            // reported below
        }
        throw invalid(field, "must be an ISO-8601 instant such as 2026-11-30T12:00:00Z", ref);
    }

    private static String text(JsonNode node, String field, int maxChars, String ref) throws Refusal {
        JsonNode value = node.get(field);
        if (value == null || !value.isTextual() || value.asText().isBlank() || value.asText().length() > maxChars) {
            throw invalid(field, "must be a non-blank string of up to " + maxChars + " characters", ref);
        }
        return value.asText();
    }

    private static Refusal invalid(String field, String message, String ref) {
        return new Refusal("invalid_message", field + ": " + message, ref);
    }

    private static String truncated(String text) {
        return text.length() <= 40 ? text : text.substring(0, 40) + "...";
    }
}
