package dev.pulse.processor.topology;

import static dev.pulse.processor.topology.Events.comment;
import static dev.pulse.processor.topology.Events.deleteComment;
import static dev.pulse.processor.topology.Events.follow;
import static dev.pulse.processor.topology.Events.like;
import static dev.pulse.processor.topology.Events.unfollow;
import static dev.pulse.processor.topology.Events.unlike;
import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.UserCounts;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The three membership rules, seen through the flips they make: every flip is exactly one update of
 * the subject's counts (the post's for likes and comments, the followee's for follows), so the
 * number of updates is the number of flips.
 */
class MembershipsTest {

    private final TopologyHarness harness = new TopologyHarness();

    @AfterEach
    void close() {
        harness.close();
    }

    @Test
    void shouldFlipALikeDeliveredTwiceOnce() {
        LikeEvent like = like("ana", "p1", "bob", 1);

        harness.send(like);
        harness.send(like);

        assertThat(postUpdates("p1")).singleElement().extracting(PostCounts::getLikes).isEqualTo(1L);
    }

    @Test
    void shouldNotFlipOnAnUnlikeWithoutALike() {
        harness.send(unlike("ana", "p1", "bob", 1));

        assertThat(harness.postCountUpdates()).isEmpty();
    }

    @Test
    void shouldKeepAnUnlikeWhoseOlderLikeArrivesAfterIt() {
        harness.send(unlike("ana", "p1", "bob", 5));
        harness.send(like("ana", "p1", "bob", 1));

        assertThat(harness.postCountUpdates()).isEmpty();
    }

    @Test
    void shouldLetTheHigherEventIdWinATieInOccurrenceTime() {
        UUID lower = new UUID(0, 1);
        UUID higher = new UUID(0, 2);

        harness.send(withId(like("ana", "p1", "bob", 1), lower));
        harness.send(withId(unlike("ana", "p1", "bob", 1), higher));
        harness.send(withId(like("ana", "p2", "bob", 1), higher));
        harness.send(withId(unlike("ana", "p2", "bob", 1), lower));

        assertThat(harness.postCounts("p1").getLikes()).isZero();
        assertThat(harness.postCounts("p2").getLikes()).isEqualTo(1);
    }

    @Test
    void shouldFlipACommentDeliveredTwiceOnce() {
        CommentEvent comment = comment("ana", "p1", "bob", "c1", 1);

        harness.send(comment);
        harness.send(comment);

        assertThat(postUpdates("p1")).singleElement().extracting(PostCounts::getComments).isEqualTo(1L);
    }

    @Test
    void shouldNotFlipOnADeleteWithoutAComment() {
        harness.send(deleteComment("ana", "p1", "bob", "c1", 1));

        assertThat(harness.postCountUpdates()).isEmpty();
    }

    @Test
    void shouldKeepADeleteWhoseOlderCommentArrivesAfterIt() {
        harness.send(deleteComment("ana", "p1", "bob", "c1", 5));
        harness.send(comment("ana", "p1", "bob", "c1", 1));

        assertThat(harness.postCountUpdates()).isEmpty();
    }

    @Test
    void shouldMakeEachCommentAMemberNotItsAuthor() {
        harness.send(comment("ana", "p1", "bob", "c1", 1));
        harness.send(comment("ana", "p1", "bob", "c2", 2));

        assertThat(postUpdates("p1")).extracting(PostCounts::getComments).containsExactly(1L, 2L);
    }

    @Test
    void shouldFlipAFollowDeliveredTwiceOnce() {
        FollowEvent follow = follow("ana", "bob", 1);

        harness.send(follow);
        harness.send(follow);

        assertThat(userUpdates("bob")).singleElement().extracting(UserCounts::getFollowers).isEqualTo(1L);
    }

    @Test
    void shouldNotFlipOnAnUnfollowWithoutAFollow() {
        harness.send(unfollow("ana", "bob", 1));

        assertThat(harness.userCountUpdates()).isEmpty();
    }

    @Test
    void shouldKeepAnUnfollowWhoseOlderFollowArrivesAfterIt() {
        harness.send(unfollow("ana", "bob", 5));
        harness.send(follow("ana", "bob", 1));

        assertThat(harness.userCountUpdates()).isEmpty();
    }

    private List<PostCounts> postUpdates(String postId) {
        return harness.postCountUpdates().stream().filter(update -> update.key.equals(postId))
                .map(update -> update.value).toList();
    }

    private List<UserCounts> userUpdates(String userId) {
        return harness.userCountUpdates().stream().filter(update -> update.key.equals(userId))
                .map(update -> update.value).toList();
    }

    private static LikeEvent withId(LikeEvent like, UUID eventId) {
        return LikeEvent.newBuilder(like).setEventId(eventId).build();
    }
}
