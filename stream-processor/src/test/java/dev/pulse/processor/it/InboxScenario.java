package dev.pulse.processor.it;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.InboxActionKind;
import dev.pulse.schemas.InboxNotification;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.Listed;
import dev.pulse.schemas.NotificationType;
import dev.pulse.schemas.UpTo;
import dev.pulse.schemas.UserSettings;
import dev.pulse.schemas.kafka.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded inbox workload for a few dozen users: likes and unlikes, comments and deleted comments,
 * follows and unfollows, redeliveries and a few late events; users who change their settings in the
 * middle of the stream (mute a type, block an actor, and some undo it), so some of their events
 * happened before a change and some after; and the inbox actions a client makes on what it holds.
 * Every time comes from one clock that only moves forward (late events stay within their round), so
 * actions made after a round happened after everything in it.
 */
final class InboxScenario {

    private static final Duration STEP = Duration.ofMillis(50);

    /** A user's settings from a point in a round on: {@code at} is the share of the round's events before it. */
    private record SettingsChange(int round, double at, String user, List<NotificationType> muted,
                                  List<String> blocked) {
    }

    /** Who a focused event goes to, from whom (null: anyone) and of what type: the settings users get traffic. */
    private record Focus(String recipient, String actor, NotificationType type) {
    }

    private static final List<SettingsChange> SETTINGS = List.of(
            new SettingsChange(0, 0.0, "u5", List.of(NotificationType.COMMENT), List.of()),
            new SettingsChange(0, 0.2, "u2", List.of(), List.of("u7")),
            new SettingsChange(0, 0.4, "u1", List.of(NotificationType.LIKE), List.of()),
            new SettingsChange(1, 0.3, "u4", List.of(NotificationType.FOLLOW), List.of()),
            new SettingsChange(1, 0.5, "u1", List.of(), List.of()),
            new SettingsChange(1, 0.6, "u8", List.of(), List.of("u3", "u9")),
            new SettingsChange(2, 0.5, "u5", List.of(), List.of()),
            new SettingsChange(2, 0.7, "u2", List.of(NotificationType.LIKE), List.of("u7")));

    private static final List<Focus> FOCUS = List.of(
            new Focus("u5", null, NotificationType.COMMENT), new Focus("u2", "u7", NotificationType.LIKE),
            new Focus("u2", "u7", NotificationType.COMMENT), new Focus("u1", null, NotificationType.LIKE),
            new Focus("u4", null, NotificationType.FOLLOW), new Focus("u8", "u3", NotificationType.LIKE),
            new Focus("u8", "u9", NotificationType.FOLLOW), new Focus("u2", null, NotificationType.LIKE));

    private final Random random;
    private final int users;
    private final int posts;
    private final List<SpecificRecord> published = new ArrayList<>();
    private final Map<String, String> commenterOf = new HashMap<>();
    private final List<String> comments = new ArrayList<>();
    private Instant clock;
    private int counter;

    InboxScenario(long seed, int users, int posts) {
        this.random = new Random(seed);
        this.users = users;
        this.posts = posts;
        this.clock = Instant.now().minus(Duration.ofHours(1)).truncatedTo(ChronoUnit.SECONDS);
    }

    /** The events of round {@code round}, with the settings changes of the round at their place in time. */
    List<SpecificRecord> round(int round, int events) {
        List<SpecificRecord> records = new ArrayList<>();
        Instant start = clock;
        for (int i = 0; i < events; i++) {
            for (SettingsChange change : SETTINGS) {
                if (change.round() == round && (int) (change.at() * events) == i) {
                    records.add(settings(change));
                }
            }
            records.add(event(start));
        }
        published.addAll(records);
        return records;
    }

    private SpecificRecord event(Instant roundStart) {
        clock = clock.plus(STEP);
        Instant at = random.nextInt(20) == 0 ? later(roundStart, clock.minusMillis(random.nextInt(2_000))) : clock;
        int pick = random.nextInt(100);
        if (pick < 3 && !published.isEmpty()) {
            return published.get(random.nextInt(published.size()));
        }
        if (pick < 28) {
            Focus focus = FOCUS.get(random.nextInt(FOCUS.size()));
            String actor = focus.actor() != null ? focus.actor() : otherThan(focus.recipient());
            return switch (focus.type()) {
                case LIKE -> like(actor, postOf(focus.recipient()), at);
                case COMMENT -> comment(actor, postOf(focus.recipient()), at);
                default -> follow(actor, focus.recipient(), at);
            };
        }
        String actor = user(random.nextInt(users));
        String post = "p" + random.nextInt(posts);
        if (pick < 60) {
            return like(actor, post, at);
        }
        if (pick < 80) {
            return comment(actor, post, at);
        }
        return follow(actor, user(random.nextInt(users)), at);
    }

    private LikeEvent like(String actor, String post, Instant at) {
        return LikeEvent.newBuilder().setEventId(nextId()).setOccurredAt(at).setActorId(actor)
                .setAction(random.nextInt(3) == 0 ? LikeAction.UNLIKE : LikeAction.LIKE).setPostId(post)
                .setPostAuthorId(authorOf(post)).build();
    }

    private CommentEvent comment(String actor, String post, Instant at) {
        if (!comments.isEmpty() && random.nextInt(4) == 0) {
            String deleted = comments.remove(random.nextInt(comments.size()));
            String onPost = deleted.split("@")[1];
            return CommentEvent.newBuilder().setEventId(nextId()).setOccurredAt(at).setActorId(commenterOf.get(deleted))
                    .setAction(CommentAction.DELETED).setPostId(onPost).setPostAuthorId(authorOf(onPost))
                    .setCommentId(deleted).setText(null).build();
        }
        String id = "c" + counter + "@" + post;
        comments.add(id);
        commenterOf.put(id, actor);
        return CommentEvent.newBuilder().setEventId(nextId()).setOccurredAt(at).setActorId(actor)
                .setAction(CommentAction.ADDED).setPostId(post).setPostAuthorId(authorOf(post)).setCommentId(id)
                .setText("text " + counter).build();
    }

    private FollowEvent follow(String actor, String followee, Instant at) {
        return FollowEvent.newBuilder().setEventId(nextId()).setOccurredAt(at).setActorId(actor)
                .setAction(random.nextInt(4) == 0 ? FollowAction.UNFOLLOW : FollowAction.FOLLOW)
                .setFolloweeId(followee).build();
    }

    private UserSettings settings(SettingsChange change) {
        clock = clock.plus(STEP);
        return UserSettings.newBuilder().setEventId(nextId()).setOccurredAt(clock).setActorId(change.user())
                .setUserId(change.user()).setMutedTypes(change.muted()).setBlockedUserIds(change.blocked()).build();
    }

    /**
     * What a client of {@code user} does with what it holds, by the user's style: read up to the newest
     * notification it lists, see up to it, or read two listed ones, archive one of them and mark the
     * other unread again. Nothing when it lists nothing. Each action happens after everything so far.
     */
    List<InboxAction> actions(String user, ClientInbox inbox) {
        List<InboxNotification> listed = inbox.listed();
        if (listed.isEmpty()) {
            return List.of();
        }
        int style = Integer.parseInt(user.substring(1)) % 4;
        return switch (style) {
            case 0 -> List.of(action(user, InboxActionKind.READ, new UpTo(inbox.newestListed().orElseThrow(), 0L)));
            case 1 -> List.of(action(user, InboxActionKind.SEEN, new UpTo(inbox.newestListed().orElseThrow(), 0L)));
            case 2 -> readArchiveAndUnread(user, listed);
            default -> List.of();
        };
    }

    private List<InboxAction> readArchiveAndUnread(String user, List<InboxNotification> listed) {
        List<String> ids = listed.stream().limit(2).map(InboxNotification::getNotificationId).toList();
        List<InboxAction> actions = new ArrayList<>();
        actions.add(action(user, InboxActionKind.READ, listed(ids)));
        actions.add(action(user, InboxActionKind.ARCHIVE, listed(ids.subList(0, 1))));
        if (ids.size() > 1) {
            actions.add(action(user, InboxActionKind.UNREAD, listed(ids.subList(1, 2))));
        }
        return actions;
    }

    private static Listed listed(List<String> ids) {
        return Listed.newBuilder().setNotificationIds(ids).build();
    }

    private InboxAction action(String user, InboxActionKind kind, Object scope) {
        clock = clock.plus(STEP);
        return InboxAction.newBuilder().setEventId(nextId()).setOccurredAt(clock).setActorId(user).setAction(kind)
                .setScope(scope).build();
    }

    /** Publishes in order; settings wait for everything before them and are acknowledged before what follows. */
    static void publish(EventPublisher publisher, List<? extends SpecificRecord> records) {
        List<CompletableFuture<?>> sent = new ArrayList<>();
        for (SpecificRecord record : records) {
            if (record instanceof UserSettings) {
                CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                publisher.publish(record).join();
            } else {
                sent.add(publisher.publish(record));
            }
        }
        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
    }

    List<String> users() {
        List<String> all = new ArrayList<>();
        for (int u = 0; u < users; u++) {
            all.add(user(u));
        }
        return all;
    }

    private UUID nextId() {
        counter++;
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String otherThan(String user) {
        String other = user(random.nextInt(users));
        return other.equals(user) ? user(random.nextInt(users)) : other;
    }

    private String postOf(String author) {
        int u = Integer.parseInt(author.substring(1));
        return "p" + (u + users * random.nextInt(Math.max(1, posts / users)));
    }

    private String authorOf(String post) {
        return user(Integer.parseInt(post.substring(1)) % users);
    }

    private static String user(int index) {
        return "u" + index;
    }

    private static Instant later(Instant a, Instant b) {
        return a.isAfter(b) ? a : b;
    }
}
