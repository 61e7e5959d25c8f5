package dev.pulse.processor.it;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded stream of social events with the awkward cases mixed in (repeated deliveries, second
 * likes, unlikes without likes, deletes of unknown comments, events that arrive after newer ones),
 * and an independent recount of what every count must be: per member, the newest event wins.
 */
final class EventScript {

    private static final Instant BASE = Instant.parse("2026-11-23T08:00:00Z");

    final List<SpecificRecord> events = new ArrayList<>();
    private final Map<String, String> authorOfPost = new HashMap<>();

    EventScript(long seed, int count, int users, int posts) {
        Random random = new Random(seed);
        for (int p = 0; p < posts; p++) {
            authorOfPost.put("p" + p, "u" + (p % Math.max(1, users / 3)));
        }
        List<String> commentIds = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            Instant at = BASE.plusMillis(i * 10L - (random.nextInt(20) == 0 ? random.nextInt(2_000) : 0));
            String actor = "u" + random.nextInt(users);
            String post = "p" + random.nextInt(posts);
            int pick = random.nextInt(100);
            if (pick < 5 && !events.isEmpty()) {
                events.add(events.get(random.nextInt(events.size())));
            } else if (pick < 45) {
                events.add(LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setActorId(actor)
                        .setAction(random.nextInt(3) == 0 ? LikeAction.UNLIKE : LikeAction.LIKE).setPostId(post)
                        .setPostAuthorId(authorOfPost.get(post)).build());
            } else if (pick < 65) {
                boolean delete = !commentIds.isEmpty() && random.nextInt(4) == 0;
                String commentId = delete ? commentIds.get(random.nextInt(commentIds.size())) : "c" + i;
                String commentPost = delete ? commentId.split("@")[1] : post;
                if (!delete) {
                    commentId = "c" + i + "@" + post;
                    commentIds.add(commentId);
                }
                events.add(CommentEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setActorId(actor)
                        .setAction(delete ? CommentAction.DELETED : CommentAction.ADDED).setPostId(commentPost)
                        .setPostAuthorId(authorOfPost.get(commentPost)).setCommentId(commentId)
                        .setText(delete ? null : "text " + i).build());
            } else if (pick < 85) {
                events.add(FollowEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setActorId(actor)
                        .setAction(random.nextInt(4) == 0 ? FollowAction.UNFOLLOW : FollowAction.FOLLOW)
                        .setFolloweeId("u" + random.nextInt(users)).build());
            } else {
                String other = "u" + random.nextInt(users);
                events.add(DirectMessage.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(at).setActorId(actor)
                        .setConversationId("conv-" + actor + "-" + other).setMessageId("m" + i)
                        .setRecipientIds(List.of(actor, other)).setText("hi " + i).build());
            }
        }
    }

    /** Publishes events {@code from} (inclusive) to {@code to} (exclusive) and waits for their acknowledgements. */
    void publish(EventPublisher publisher, int from, int to) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (SpecificRecord event : events.subList(from, to)) {
            sent.add(publisher.publish(event));
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    /** Expected likes and comments per post, recounted from the newest event of each member. */
    Map<String, long[]> expectedPostCounts() {
        Map<String, long[]> counts = new HashMap<>();
        newest(LikeEvent.class, e -> e.getPostId() + "/" + e.getActorId(), LikeEvent::getOccurredAt, e -> e.getEventId().toString())
                .values().stream().filter(e -> e.getAction() == LikeAction.LIKE)
                .forEach(e -> counts.computeIfAbsent(e.getPostId(), k -> new long[2])[0]++);
        newest(CommentEvent.class, e -> e.getPostId() + "/" + e.getCommentId(), CommentEvent::getOccurredAt,
                e -> e.getEventId().toString())
                .values().stream().filter(e -> e.getAction() == CommentAction.ADDED)
                .forEach(e -> counts.computeIfAbsent(e.getPostId(), k -> new long[2])[1]++);
        return counts;
    }

    /** Expected followers, following and likes received per user. */
    Map<String, long[]> expectedUserCounts() {
        Map<String, long[]> counts = new HashMap<>();
        newest(FollowEvent.class, e -> e.getFolloweeId() + "/" + e.getActorId(), FollowEvent::getOccurredAt,
                e -> e.getEventId().toString())
                .values().stream().filter(e -> e.getAction() == FollowAction.FOLLOW).forEach(e -> {
                    counts.computeIfAbsent(e.getFolloweeId(), k -> new long[3])[0]++;
                    counts.computeIfAbsent(e.getActorId(), k -> new long[3])[1]++;
                });
        expectedPostCounts().forEach((post, c) -> counts.computeIfAbsent(authorOfPost.get(post), k -> new long[3])[2] += c[0]);
        return counts;
    }

    private <E extends SpecificRecord> Map<String, E> newest(Class<E> type, Function<E, String> member,
                                                            Function<E, Instant> at, Function<E, String> id) {
        Comparator<E> order = Comparator.comparing(at).thenComparing(id);
        return events.stream().filter(type::isInstance).map(type::cast)
                .collect(Collectors.toMap(member, Function.identity(), (a, b) -> order.compare(a, b) >= 0 ? a : b));
    }
}
