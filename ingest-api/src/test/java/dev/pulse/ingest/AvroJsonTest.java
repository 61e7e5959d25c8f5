package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.Json;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The event JSON as derived from the Avro schemas: round trips, defaults, and every kind of problem with its path. */
class AvroJsonTest {

    private final AvroJson json = EventJson.of(Topics.standard());

    static Stream<SpecificRecord> everyKind() {
        return EventFixtures.everyKind().stream();
    }

    private static JsonNode parse(String text) {
        try {
            return Json.mapper().readTree(text.replace('\'', '"'));
        } catch (Exception e) {
            throw new IllegalArgumentException(text, e);
        }
    }

    private List<FieldError> errorsOf(String text) {
        return json.read(parse(text), "").errors();
    }

    @ParameterizedTest
    @MethodSource("everyKind")
    void shouldReadBackEveryEventKindItWrites(SpecificRecord event) {
        ObjectNode written = json.write(event);

        AvroJson.Decoded read = json.read(written, "");

        assertThat(read.errors()).isEmpty();
        assertThat(read.record()).isEqualTo(event);
        assertThat(json.write(read.record())).isEqualTo(written);
    }

    @Test
    void shouldOfferTheEventsOfThePublishedTopicsButNotSignals() {
        assertThat(json.eventTypes()).containsExactly("LikeEvent", "CommentEvent", "FollowEvent", "DirectMessage",
                "InboxAction", "UserSettings");
    }

    @Test
    void shouldWriteTheNaturalJsonShape() {
        ObjectNode written = json.write(EventFixtures.inbox(InboxActionKind.ARCHIVE,
                Listed.newBuilder().setNotificationIds(List.of("n-3")).build()));

        assertThat(written.path("type").asText()).isEqualTo("InboxAction");
        assertThat(written.path("occurredAt").asText()).isEqualTo("2026-11-23T10:15:30.123Z");
        assertThat(written.path("action").asText()).isEqualTo("ARCHIVE");
        assertThat(written.path("scope")).isEqualTo(parse("{'type':'Listed','notificationIds':['n-3'],'seqs':[]}"));
    }

    @Test
    void shouldApplySchemaDefaultsToAbsentFields() {
        AvroJson.Decoded read = json.read(parse("{'type':'InboxAction','actorId':'ana','scope':{'type':'WholeInbox'}}"), "");

        assertThat(read.errors()).isEmpty();
        assertThat(((InboxAction) read.record()).getAction()).isEqualTo(InboxActionKind.READ);
    }

    @Test
    void shouldTakeAnAbsentNullableFieldAsNull() {
        AvroJson.Decoded read = json.read(parse("{'type':'CommentEvent','actorId':'ana','action':'DELETED',"
                + "'postId':'p','postAuthorId':'bob','commentId':'c'}"), "");

        assertThat(((CommentEvent) read.record()).getText()).isNull();
    }

    @Test
    void shouldGenerateAnEventIdAndTheTimeWhenAbsent() {
        Instant before = Instant.now().minusMillis(1);

        UserSettings settings = (UserSettings) json.read(parse("{'type':'UserSettings','actorId':'ana','userId':'ana'}"), "")
                .record();

        assertThat(settings.getEventId()).isNotNull();
        assertThat(settings.getOccurredAt()).isBetween(before, Instant.now().plus(Duration.ofSeconds(1)));
        assertThat(settings.getMutedTypes()).isEmpty();
    }

    @Test
    void shouldReportAMissingRequiredField() {
        assertThat(errorsOf("{'type':'FollowEvent','actorId':'ana','action':'FOLLOW'}"))
                .containsExactly(new FieldError("/followeeId", "required"));
    }

    @Test
    void shouldReportAWrongJsonType() {
        assertThat(errorsOf("{'type':'FollowEvent','actorId':7,'action':'FOLLOW','followeeId':'bob'}"))
                .containsExactly(new FieldError("/actorId", "must be a string, was a number"));
    }

    @Test
    void shouldReportNullForARequiredField() {
        assertThat(errorsOf("{'type':'FollowEvent','actorId':null,'action':'FOLLOW','followeeId':'bob'}"))
                .containsExactly(new FieldError("/actorId", "must be a string, was null"));
    }

    @Test
    void shouldReportAnEmptyId() {
        assertThat(errorsOf("{'type':'FollowEvent','actorId':'ana','action':'FOLLOW','followeeId':' '}"))
                .containsExactly(new FieldError("/followeeId", "must not be empty"));
    }

    @Test
    void shouldReportAnEmptyIdInAListOfIds() {
        assertThat(errorsOf("{'type':'DirectMessage','actorId':'ana','conversationId':'c','messageId':'m',"
                + "'recipientIds':['bob',''],'text':'hi'}"))
                .containsExactly(new FieldError("/recipientIds/1", "must not be empty"));
    }

    @Test
    void shouldReportAnIdOverTheLimit() {
        String longId = "x".repeat(EventJson.MAX_ID_CHARS + 1);

        assertThat(errorsOf("{'type':'FollowEvent','actorId':'ana','action':'FOLLOW','followeeId':'" + longId + "'}"))
                .containsExactly(new FieldError("/followeeId", "is longer than 256 characters"));
    }

    @Test
    void shouldReportAStringOverTheLimit() {
        String text = "é".repeat(EventJson.MAX_STRING_BYTES / 2 + 1);

        assertThat(errorsOf("{'type':'DirectMessage','actorId':'ana','conversationId':'c','messageId':'m',"
                + "'recipientIds':['bob'],'text':'" + text + "'}"))
                .containsExactly(new FieldError("/text", "is longer than 65536 bytes (UTF-8)"));
    }

    @Test
    void shouldReportAnUnknownEventType() {
        assertThat(errorsOf("{'type':'Signal','actorId':'ana'}")).containsExactly(new FieldError("/type",
                "unknown type 'Signal'; expected one of [LikeEvent, CommentEvent, FollowEvent, DirectMessage,"
                        + " InboxAction, UserSettings]"));
    }

    @Test
    void shouldReportAMissingEventType() {
        assertThat(errorsOf("{'actorId':'ana'}")).extracting(FieldError::field).containsExactly("/type");
    }

    @Test
    void shouldReportAnUnknownEnumSymbol() {
        assertThat(errorsOf("{'type':'LikeEvent','actorId':'ana','action':'LOVE','postId':'p','postAuthorId':'bob'}"))
                .containsExactly(new FieldError("/action", "unknown symbol 'LOVE'; expected one of [LIKE, UNLIKE]"));
    }

    @Test
    void shouldReportAnUnknownUnionBranch() {
        assertThat(errorsOf("{'type':'InboxAction','actorId':'ana','scope':{'type':'Everything'}}"))
                .containsExactly(new FieldError("/scope/type",
                        "unknown type 'Everything'; expected one of [UpTo, Listed, WholeInbox]"));
    }

    @Test
    void shouldReportAFieldTheSchemaDoesNotHave() {
        assertThat(errorsOf("{'type':'FollowEvent','actorId':'ana','action':'FOLLOW','followeeId':'bob','folowee':'x'}"))
                .extracting(FieldError::field).containsExactly("/folowee");
    }

    @Test
    void shouldReportAMalformedUuidAndInstant() {
        assertThat(errorsOf("{'type':'FollowEvent','eventId':'42','occurredAt':'yesterday','actorId':'ana',"
                + "'action':'FOLLOW','followeeId':'bob'}"))
                .containsExactly(new FieldError("/eventId", "'42' is not a valid uuid"),
                        new FieldError("/occurredAt", "'yesterday' is not an ISO-8601 instant such as"
                                + " \"2026-01-31T12:00:00Z\""));
    }

    @Test
    void shouldReportEveryProblemOfADocumentAtOnce() {
        List<FieldError> errors = errorsOf("{'type':'InboxAction','actorId':'','action':'SNOOZE',"
                + "'scope':{'type':'UpTo','position':{'createdAt':1,'notificationId':''}},'extra':true}");

        assertThat(errors).extracting(FieldError::field).containsExactlyInAnyOrder("/extra", "/actorId", "/action",
                "/scope/position/createdAt", "/scope/position/notificationId");
    }

    @Test
    void shouldPrefixEveryPathWithTheDocumentsPlace() {
        assertThat(json.read(parse("{'type':'FollowEvent','actorId':'ana','action':'FOLLOW'}"), "/events/3").errors())
                .containsExactly(new FieldError("/events/3/followeeId", "required"));
    }

    @Test
    void shouldRefuseAnEventSchemaWithAFieldNamedType() {
        Schema clash = SchemaBuilder.record("Clash").fields().requiredString("type").endRecord();

        assertThatThrownBy(() -> new AvroJson(List.of(clash), Map.of(), new AvroJson.Limits(1, 1)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("Clash");
    }
}
