package dev.pulse.ingest.bench;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * The bench's events, the same for the HTTP path and the raw producer: 60 % likes, 25 % comments with a
 * short text, 15 % follows, between {@code users} users on {@code users * 2} posts, each with its own id.
 */
final class BenchEvents {

    private final Random random;
    private final int users;
    private final Instant at = Instant.now().truncatedTo(ChronoUnit.MILLIS);

    BenchEvents(long seed, int users) {
        this.random = new Random(seed);
        this.users = users;
    }

    List<SpecificRecord> next(int n) {
        List<SpecificRecord> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            events.add(next());
        }
        return events;
    }

    private SpecificRecord next() {
        String actor = user();
        String author = user();
        String post = "post-" + random.nextInt(users * 2);
        UUID id = new UUID(random.nextLong(), random.nextLong());
        int kind = random.nextInt(100);
        if (kind < 60) {
            return LikeEvent.newBuilder().setEventId(id).setOccurredAt(at).setActorId(actor)
                    .setAction(LikeAction.LIKE).setPostId(post).setPostAuthorId(author).build();
        }
        if (kind < 85) {
            return CommentEvent.newBuilder().setEventId(id).setOccurredAt(at).setActorId(actor)
                    .setAction(CommentAction.ADDED).setPostId(post).setPostAuthorId(author)
                    .setCommentId("c-" + id).setText("nice one, " + author).build();
        }
        return FollowEvent.newBuilder().setEventId(id).setOccurredAt(at).setActorId(actor)
                .setAction(FollowAction.FOLLOW).setFolloweeId(author).build();
    }

    private String user() {
        return "user-" + random.nextInt(users);
    }
}
