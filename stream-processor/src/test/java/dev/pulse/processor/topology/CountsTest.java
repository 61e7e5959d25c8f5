package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.deleteComment;
import static dev.pulse.processor.topology.Events.follow;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.unfollow;
import static dev.pulse.processor.topology.Events.unlike;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CountsTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldCountALike() {
        harness.send(like("ana", "p1", "bob", 1));

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreTheSameLikeEventDeliveredTwice() {
        LikeEvent like = like("ana", "p1", "bob", 1);

        harness.send(like);
        harness.send(like);

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreASecondLikeByTheSameUser() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("ana", "p1", "bob", 2));

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldNotGoNegativeOnAnUnlikeWithoutALike() {
        harness.send(unlike("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldKeepAnUnlikeThatArrivedBeforeItsOlderLike() {
        harness.send(unlike("ana", "p1", "bob", 5));
        harness.send(like("ana", "p1", "bob", 1));

        assertThat(harness.postCounts("p1")).isNull();
    }

    @Test
    void shouldCountAnUnlikeOfAnEarlierLike() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("cid", "p1", "bob", 2));
        harness.send(unlike("ana", "p1", "bob", 3));

        assertThat(harness.postCounts("p1").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldIgnoreDeletingACommentThatNeverExisted() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(deleteComment("ana", "p1", "bob", "c-unknown", 2));

        assertThat(harness.postCounts("p1").getComments()).isEqualTo(1);
    }

    @Test
    void shouldCountADeletedComment() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(comment("cid", "p1", "bob", "c2", 2));
        harness.send(deleteComment("ana", "p1", "bob", "c1", 3));

        assertThat(harness.postCounts("p1").getComments()).isEqualTo(1);
    }

    @Test
    void shouldCountFollowersOfTheFolloweeAndFollowingOfTheFollower() {
        harness.send(follow("ana", "bob", 1));
        harness.send(follow("cid", "bob", 2));
        harness.send(unfollow("cid", "bob", 3));

        assertThat(harness.userCounts("bob").getFollowers()).isEqualTo(1);
        assertThat(harness.userCounts("ana").getFollowing()).isEqualTo(1);
        assertThat(harness.userCounts("cid").getFollowing()).isZero();
    }

    @Test
    void shouldCountLikesReceivedByThePostAuthor() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(like("ana", "p2", "bob", 2));
        harness.send(like("cid", "p3", "dee", 3));

        assertThat(harness.userCounts("bob").getLikesReceived()).isEqualTo(2);
        assertThat(harness.userCounts("dee").getLikesReceived()).isEqualTo(1);
    }

    @Test
    void shouldPublishEveryCountOfThePostOnTheCountsTopic() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.send(comment("cid", "p1", "bob", "c1", 2));

        assertThat(harness.postCountUpdates()).last().satisfies(update -> {
            assertThat(update.key).isEqualTo("p1");
            PostCounts counts = update.value;
            assertThat(counts.getLikes()).isEqualTo(1);
            assertThat(counts.getComments()).isEqualTo(1);
            assertThat(counts.getUpdatedAt()).isEqualTo(Events.at(2));
        });
    }

    @Test
    void shouldPublishNothingForAnEventThatChangesNoCount() {
        harness.send(like("ana", "p1", "bob", 1));
        harness.postCountUpdates();

        harness.send(like("ana", "p1", "bob", 2));

        assertThat(harness.postCountUpdates()).isEmpty();
    }
}
