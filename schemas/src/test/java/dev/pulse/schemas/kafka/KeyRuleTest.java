package dev.pulse.schemas.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxRecord;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.SampleRecords;
import dev.pulse.schemas.Signal;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.UserSettings;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class KeyRuleTest {

    private static final Topics TOPICS = Topics.standard();

    /** The key of each topic keyed by a field, as docs/ARCHITECTURE.md's topic table documents it. */
    record Documented<V extends SpecificRecord>(Topic<String, V> topic, Class<V> type, String field,
                                                Function<V, String> getter) {
        @Override
        public String toString() {
            return topic.name() + " by " + field;
        }
    }

    static Stream<Documented<?>> documentedKeys() {
        return Stream.of(
                new Documented<>(TOPICS.likes(), LikeEvent.class, "postAuthorId", LikeEvent::getPostAuthorId),
                new Documented<>(TOPICS.comments(), CommentEvent.class, "postAuthorId", CommentEvent::getPostAuthorId),
                new Documented<>(TOPICS.follows(), FollowEvent.class, "followeeId", FollowEvent::getFolloweeId),
                new Documented<>(TOPICS.messages(), DirectMessage.class, "conversationId",
                        DirectMessage::getConversationId),
                new Documented<>(TOPICS.reads(), InboxAction.class, "actorId", InboxAction::getActorId),
                new Documented<>(TOPICS.userSettings(), UserSettings.class, "userId", UserSettings::getUserId),
                new Documented<>(TOPICS.postCounts(), PostCounts.class, "postId", PostCounts::getPostId),
                new Documented<>(TOPICS.userCounts(), UserCounts.class, "userId", UserCounts::getUserId),
                new Documented<>(TOPICS.inbox(), InboxRecord.class, "recipientId",
                        InboxRecord::getRecipientId),
                new Documented<>(TOPICS.signals(), Signal.class, "recipientId", Signal::getRecipientId));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedKeys")
    <V extends SpecificRecord> void shouldKeyEachTopicByItsDocumentedField(Documented<V> documented) {
        V sample = SampleRecords.of(documented.type());

        String key = documented.topic().keyOf(sample);

        assertThat(key).isEqualTo(documented.getter().apply(sample));
        assertThat(documented.topic().keyRule().field()).contains(documented.field());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("documentedKeys")
    void shouldKeyEachTopicAsItsValueSchemaSays(Documented<?> documented) {
        String schemaDoc = SpecificData.get().getSchema(documented.type()).getDoc();

        assertThat(schemaDoc).containsIgnoringCase("topic " + documented.topic().name())
                .contains("key " + documented.topic().keyRule().field().orElseThrow());
    }

    @Test
    void shouldKeyTrendingByItsOneFixedKey() {
        TrendingSnapshot snapshot = SampleRecords.of(TrendingSnapshot.class);

        assertThat(TOPICS.trending().keyOf(snapshot)).isEqualTo(Topics.TRENDING_KEY);
        assertThat(TOPICS.trending().keyRule().field()).isEmpty();
    }

    @Test
    void shouldKeepDeadLettersUnderTheKeyTheyCameWith() {
        assertThatThrownBy(() -> TOPICS.deadLetters().keyOf(new byte[] {1}))
                .isInstanceOf(UnsupportedOperationException.class);
        assertThat(TOPICS.deadLetters().keyRule()).hasToString("as received");
    }

    @Test
    void shouldCoPartitionExactlyTheTopicsKeyedByTheUserWhoseStateTheyChange() {
        assertThat(TOPICS.keyedByUser()).containsExactly(TOPICS.likes(), TOPICS.comments(), TOPICS.follows(),
                TOPICS.reads(), TOPICS.userSettings());
    }

    @Test
    void shouldRefuseAFieldTheSchemaDoesNotHave() {
        assertThatThrownBy(() -> KeyRule.user(LikeEvent.class, "authorId"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("LikeEvent has no string field 'authorId' to key by");
    }

    @Test
    void shouldRefuseAFieldThatIsNotAPlainString() {
        assertThatThrownBy(() -> KeyRule.field(LikeEvent.class, "action"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("no string field 'action'");
    }

    @Test
    void shouldRefuseAValueWithoutItsKeyField() {
        LikeEvent withoutAuthor = LikeEvent.newBuilder(SampleRecords.like()).build();
        withoutAuthor.setPostAuthorId(null);

        assertThatThrownBy(() -> TOPICS.likes().keyOf(withoutAuthor))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("A LikeEvent without postAuthorId has no key");
    }

    static Stream<Topic<String, ? extends SpecificRecord>> publishedTopics() {
        return TOPICS.published().stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("publishedTopics")
    void shouldPlaceEachRecordProducersWriteOnItsTopic(Topic<String, ? extends SpecificRecord> topic) {
        SpecificRecord sample = SampleRecords.all().get(((AvroSerde<?>) topic.valueSerde()).type());

        Topic<String, SpecificRecord> placed = TOPICS.publishedTopicFor(sample);

        assertThat(placed).isSameAs(topic);
    }

    @Test
    void shouldRefuseToPlaceARecordOnlyTheProcessorDerives() {
        PostCounts derived = SampleRecords.of(PostCounts.class);

        assertThatThrownBy(() -> TOPICS.publishedTopicFor(derived))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("Producers do not publish PostCounts; they publish [LikeEvent, ");
    }
}
