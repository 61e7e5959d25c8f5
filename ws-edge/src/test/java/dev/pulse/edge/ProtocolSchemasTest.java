package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.edge.protocol.ProtocolSchemas;
import org.junit.jupiter.api.Test;

/** The schema check itself: it must refuse what the protocol does not allow, naming why. */
class ProtocolSchemasTest {

    private static final String BADGE = "{\"type\":\"badge\",\"seq\":3,\"unread\":1,\"unseen\":0}";

    private final ProtocolSchemas server = ProtocolSchemas.serverFrames();
    private final ProtocolSchemas client = ProtocolSchemas.clientFrames();

    @Test
    void shouldAcceptAFrameThatFitsTheSchemaOfItsType() {
        assertThat(server.violations(BADGE)).isEmpty();
    }

    @Test
    void shouldRefuseAFrameOfATypeWithoutASchema() {
        assertThat(server.violations("{\"type\":\"teleport\"}")).singleElement().asString().contains("teleport");
    }

    @Test
    void shouldRefuseAClientFrameTypeSentByTheServer() {
        assertThat(server.violations("{\"type\":\"ping\"}")).singleElement().asString().contains("ping");
    }

    @Test
    void shouldRefuseAFrameWithoutAType() {
        assertThat(client.violations("{\"ref\":\"1\"}")).singleElement().asString().contains("/type");
    }

    @Test
    void shouldRefuseTextThatIsNotAJsonObject() {
        assertThat(client.violations("[1]")).isNotEmpty();
        assertThat(client.violations("{not json")).singleElement().asString().startsWith("not JSON");
    }

    @Test
    void shouldNameAnUndocumentedField() {
        assertThat(server.violations("{\"type\":\"badge\",\"seq\":3,\"unread\":1,\"unseen\":0,\"total\":1}"))
                .anySatisfy(v -> assertThat(v).contains("total"));
    }

    @Test
    void shouldNameAMissingField() {
        assertThat(server.violations("{\"type\":\"badge\",\"seq\":3,\"unread\":1}"))
                .anySatisfy(v -> assertThat(v).contains("unseen"));
    }

    @Test
    void shouldCheckPartsSharedThroughTheCommonSchema() {
        String wrongKind = "{\"type\":\"notification\",\"epoch\":\"e\",\"seq\":1,\"notification\":{"
                + "\"notificationId\":\"n1\",\"seq\":1,\"changeSeq\":1,\"type\":\"LIKE\",\"actorIds\":[\"ana\"],"
                + "\"actorCount\":1,\"target\":{\"kind\":\"PLANET\",\"id\":\"p1\"},\"groupKey\":\"like:p1\","
                + "\"createdAt\":\"2026-11-30T11:59:58Z\",\"preview\":null,\"seenAt\":null,\"readAt\":null,"
                + "\"archivedAt\":null}}";

        assertThat(server.violations(wrongKind)).anySatisfy(v -> assertThat(v).contains("kind"));
    }

    @Test
    void shouldAssertFormatsNotOnlyAnnotateThem() {
        assertThat(server.violations("{\"type\":\"pong\",\"ref\":\"1\",\"serverTime\":\"yesterday\"}"))
                .anySatisfy(v -> assertThat(v).contains("serverTime"));
    }

    @Test
    void shouldFailWithTheViolationsAndTheFrame() {
        assertThatThrownBy(() -> server.requireValid("{\"type\":\"badge\",\"seq\":-1,\"unread\":1,\"unseen\":0}"))
                .isInstanceOf(AssertionError.class).hasMessageContaining("\"seq\":-1").hasMessageContaining("/seq");
    }
}
