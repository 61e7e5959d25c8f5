package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.edge.protocol.ProtocolSchemas;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The client frames' schemas and the edge's reader ({@link ClientFrames}, then the scope rule of
 * {@link UserWrites}) accept and refuse the same frames. The schemas are stricter in one way on
 * purpose: they describe what a client sends, so a field the protocol does not name is refused there while
 * the edge ignores it.
 */
class ClientFramesSchemaTest {

    private static final String UP_TO = "\"upTo\":{\"createdAt\":\"2026-11-30T11:59:58Z\",\"notificationId\":\"e1\"}";

    private final ProtocolSchemas schemas = ProtocolSchemas.clientFrames();

    @Test
    void shouldAcceptWhatTheEdgeAccepts() {
        List<String> accepted = List.of("{\"type\":\"ping\"}", "{\"type\":\"ping\",\"ref\":7}",
                "{\"type\":\"ping\",\"ref\":\"" + "r".repeat(64) + "\"}", "{\"type\":\"resume\"}",
                "{\"type\":\"resume\",\"epoch\":\"9b0e\",\"lastSeq\":0}", "{\"type\":\"auth\",\"token\":\"a.b.c\"}",
                "{\"type\":\"read\",\"ref\":\"8\"," + UP_TO + "}", "{\"type\":\"seen\",\"all\":true}",
                "{\"type\":\"archive\"," + UP_TO + "}", "{\"type\":\"unread\",\"ids\":[\"e1\",\"e2\"]}",
                "{\"type\":\"unarchive\",\"all\":true}", "{\"type\":\"unarchive\",\"ids\":[\"e1\"]}",
                "{\"type\":\"subscribe\",\"posts\":[\"p1\"],\"users\":[\"bob\"],\"trending\":true}",
                "{\"type\":\"subscribe\",\"users\":[\"bob\"],\"trending\":false}",
                "{\"type\":\"unsubscribe\",\"trending\":true}");

        requireBothAccept(accepted);
    }

    @Test
    void shouldAcceptTheMessagesTypingAndPresenceTheEdgeAccepts() {
        String message = "{\"type\":\"send_message\",\"clientMessageId\":\"m1\",";
        List<String> accepted = List.of(message + "\"recipients\":[\"bob\"],\"text\":\"hi\"}",
                message + "\"ref\":3,\"recipients\":[\"bob\",\"bob\"],\"text\":\"hi\",\"conversationId\":\"c1\"}",
                message + "\"recipients\":" + ids(50) + ",\"text\":\"" + "x".repeat(4_000) + "\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"" + "m".repeat(128)
                        + "\",\"recipients\":[\"bob\"],\"text\":\"hi\"}",
                "{\"type\":\"typing\",\"recipients\":[\"bob\"],\"state\":\"started\"}",
                "{\"type\":\"typing\",\"ref\":\"t\",\"recipients\":[\"bob\"],\"state\":\"stopped\",\"conversationId\":\"c1\"}",
                "{\"type\":\"subscribe\",\"presence\":[\"ana\"]}", "{\"type\":\"unsubscribe\",\"presence\":[\"ana\"]}",
                "{\"type\":\"subscribe\",\"presence\":" + ids(500) + ",\"trending\":false}");

        requireBothAccept(accepted);
    }

    @Test
    void shouldRefuseWhatTheEdgeRefuses() {
        List<String> refused = List.of("{\"type\":\"teleport\"}", "{\"type\":7}", "{\"ref\":\"1\"}",
                "{\"type\":\"ping\",\"ref\":\"" + "r".repeat(65) + "\"}", "{\"type\":\"ping\",\"ref\":true}",
                "{\"type\":\"resume\",\"epoch\":\"9b0e\"}", "{\"type\":\"resume\",\"lastSeq\":3}",
                "{\"type\":\"resume\",\"epoch\":\"9b0e\",\"lastSeq\":-1}", "{\"type\":\"auth\"}",
                "{\"type\":\"auth\",\"token\":\" \"}", "{\"type\":\"read\"}", "{\"type\":\"read\",\"ids\":[]}",
                "{\"type\":\"read\",\"ids\":[\" \"]}", "{\"type\":\"read\",\"ids\":[\"e1\"],\"all\":true}",
                "{\"type\":\"seen\",\"all\":false}", "{\"type\":\"read\",\"upTo\":{\"notificationId\":\"e1\"}}",
                "{\"type\":\"read\",\"upTo\":{\"createdAt\":\"noon\",\"notificationId\":\"e1\"}}",
                "{\"type\":\"unread\",\"all\":true}", "{\"type\":\"unarchive\"," + UP_TO + "}",
                "{\"type\":\"archive\",\"ids\":" + ids(501) + "}", "{\"type\":\"subscribe\"}",
                "{\"type\":\"subscribe\",\"trending\":false}", "{\"type\":\"subscribe\",\"posts\":[]}",
                "{\"type\":\"subscribe\",\"posts\":[\"p1\"],\"trending\":\"yes\"}",
                "{\"type\":\"unsubscribe\",\"users\":[\" \"]}",
                "{\"type\":\"unsubscribe\",\"posts\":" + ids(501) + "}");

        requireBothRefuse(refused);
    }

    @Test
    void shouldRefuseTheMessagesTypingAndPresenceTheEdgeRefuses() {
        String to = "\"recipients\":[\"bob\"],";
        List<String> refused = List.of("{\"type\":\"send_message\"," + to + "\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\" \"," + to + "\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"" + "m".repeat(129) + "\"," + to + "\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\",\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\",\"recipients\":[],\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\",\"recipients\":" + ids(51) + ",\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\",\"recipients\":[\" \"],\"text\":\"hi\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\"," + to + "\"text\":\"  \"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\"," + to + "\"text\":\"" + "x".repeat(4_001) + "\"}",
                "{\"type\":\"send_message\",\"clientMessageId\":\"m1\"," + to + "\"text\":\"hi\",\"conversationId\":null}",
                "{\"type\":\"typing\"," + to + "\"state\":\"paused\"}", "{\"type\":\"typing\"," + to + "\"ref\":1}",
                "{\"type\":\"typing\",\"state\":\"started\"}",
                "{\"type\":\"typing\"," + to + "\"state\":\"started\",\"conversationId\":\"\"}",
                "{\"type\":\"subscribe\",\"presence\":[]}", "{\"type\":\"unsubscribe\",\"presence\":[\" \"]}",
                "{\"type\":\"subscribe\",\"presence\":" + ids(501) + "}");

        requireBothRefuse(refused);
    }

    @Test
    void shouldRefuseAFieldTheProtocolDoesNotNameThoughTheEdgeIgnoresIt() {
        String frame = "{\"type\":\"ping\",\"ref\":\"1\",\"priority\":\"high\"}";

        assertThat(edgeRefusal(frame)).isEmpty();
        assertThat(schemas.violations(frame)).anySatisfy(v -> assertThat(v).contains("priority"));
    }

    private void requireBothAccept(List<String> frames) {
        for (String frame : frames) {
            assertThat(edgeRefusal(frame)).as("the edge on %s", frame).isEmpty();
            assertThat(schemas.violations(frame)).as("the schema of %s", frame).isEmpty();
        }
    }

    private void requireBothRefuse(List<String> frames) {
        for (String frame : frames) {
            assertThat(edgeRefusal(frame)).as("the edge on %s", frame).isPresent();
            assertThat(schemas.violations(frame)).as("the schema of %s", frame).isNotEmpty();
        }
    }

    /** The code of the error frame the edge answers {@code text} with; empty when it accepts it. */
    private static Optional<String> edgeRefusal(String text) {
        try {
            ClientFrames.Frame frame = ClientFrames.read(text);
            if (frame instanceof ClientFrames.Act act) {
                return UserWrites.problem(act.kind(), act.scope()).map(problem -> "invalid_message");
            }
            return Optional.empty();
        } catch (ClientFrames.Refusal e) {
            return Optional.of(e.code);
        }
    }

    private static String ids(int count) {
        StringBuilder ids = new StringBuilder("[");
        for (int i = 0; i < count; i++) {
            ids.append(i == 0 ? "" : ",").append("\"e").append(i).append('"');
        }
        return ids.append(']').toString();
    }
}
