package dev.pulse.schemas.compat;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.SchemaCatalogue;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CompatibilityGateTest {

    private static final List<Schema> RELEASED_LIKE = ReleasedSchemas.of("LikeEvent");
    /** The fixtures are edits of LikeEvent v1; checking them against v1 alone keeps the expected reports exact. */
    private static final List<Schema> LIKE_V1 = RELEASED_LIKE.subList(0, 1);

    @Test
    void shouldPassEveryCurrentSchemaAgainstItsReleasedVersions() {
        assertThat(CompatibilityGate.checkCatalogue()).isEmpty();
    }

    @Test
    void shouldKeepAReleasedVersionOfEveryTopicRecord() {
        assertThat(SchemaCatalogue.topicRecords())
                .allSatisfy(type -> assertThat(ReleasedSchemas.of(type.getSimpleName())).isNotEmpty());
    }

    @Test
    void shouldRejectARequiredFieldAddedWithoutDefault() throws IOException {
        Schema changed = fixture("LikeEvent-required-field-added.avsc");

        List<String> problems = CompatibilityGate.problems(changed, LIKE_V1);

        assertThat(problems).singleElement().asString()
                .contains("dev.pulse.schemas.LikeEvent")
                .contains("the current schema cannot read data written with released v1")
                .contains("READER_FIELD_MISSING_DEFAULT_VALUE")
                .contains("reason");
    }

    @Test
    void shouldRejectAFieldTypeChangeInBothDirections() throws IOException {
        Schema changed = fixture("LikeEvent-postId-as-long.avsc");

        List<String> problems = CompatibilityGate.problems(changed, LIKE_V1);

        assertThat(problems).hasSize(2)
                .anySatisfy(p -> assertThat(p).contains("the current schema cannot read").contains("/fields/4"))
                .anySatisfy(p -> assertThat(p).contains("released v1 cannot read").contains("/fields/4"));
    }

    @Test
    void shouldAcceptAnOptionalFieldAddedWithDefault() throws IOException {
        Schema changed = fixture("LikeEvent-optional-field-added.avsc");

        assertThat(CompatibilityGate.problems(changed, LIKE_V1)).isEmpty();
    }

    @Test
    void shouldFailTheBuildEntryPointWithTheReport() {
        assertThatThrownBy(() -> CompatibilityGate.main(new String[] {"bogus"}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("use check or release");
    }

    @Test
    void shouldReleaseOnlySchemasThatChanged(@TempDir Path dir) throws IOException {
        List<Path> written = CompatibilityGate.release(dir);

        assertThat(written).isEmpty();
        assertThat(Files.list(dir)).isEmpty();
        assertThat(LikeEvent.getClassSchema().toString()).isEqualTo(RELEASED_LIKE.getLast().toString());
    }

    private static Schema fixture(String name) throws IOException {
        try (InputStream in = CompatibilityGateTest.class.getResourceAsStream("/compat/" + name)) {
            return new Schema.Parser().parse(in);
        }
    }

    @Test
    void shouldCheckThatASuccessorReadsEveryVersionOfTheRecordItReplaced() {
        Schema likeAsSuccessor = ReleasedSchemas.of("LikeEvent").getFirst();

        assertThat(CompatibilityGate.successorProblems(likeAsSuccessor, "CommentEvent"))
                .isNotEmpty().allSatisfy(p -> assertThat(p).contains("cannot read data written with CommentEvent v"));
        assertThat(CompatibilityGate.successorProblems(likeAsSuccessor, "NoSuchRecord"))
                .singleElement().asString().contains("no released version");
    }
}
