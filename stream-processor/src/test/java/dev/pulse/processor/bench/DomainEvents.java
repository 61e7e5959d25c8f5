package dev.pulse.processor.bench;

import dev.pulse.schemas.CommentAction;
import dev.pulse.schemas.CommentEvent;
import dev.pulse.schemas.DirectMessage;
import dev.pulse.schemas.FollowAction;
import dev.pulse.schemas.FollowEvent;
import dev.pulse.schemas.InboxAction;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.apache.avro.specific.SpecificRecord;

/**
 * A seeded stream of social events shaped like production traffic: mostly likes, then comments,
 * follows and direct messages, with a few take-backs (unlike, delete, unfollow) and repeated
 * deliveries. Post popularity is skewed (index {@code posts * r^2}): the first 1 % of posts draw
 * about 10 % of likes and comments, so some keys are hot but no single key dominates.
 *
 * <p>Event times start a few minutes in the past and advance 1 ms per event, so everything lands in
 * the trending window and the newest event of each member is also the last one sent.
 *
 * <p>{@link Mix#INBOX} adds what users do with their inboxes: 10 % inbox actions and 5 % retractions of
 * contributions still standing; the other 85 % are the default mix's contributions without its own
 * take-backs (see {@link InboxTraffic}).
 */
final class DomainEvents {

    /** What {@link #next()} generates. */
    enum Mix {
        /** Contributions with a few take-backs inside likes, comments and follows (the figures so far). */
        DEFAULT,
        /** 10 % inbox actions, 5 % retractions, 85 % contributions (no other take-backs). */
        INBOX
    }

    private static final String[] WORDS = {"nice", "great", "photo", "really", "love", "this", "where", "was",
        "it", "taken", "congrats", "wow", "so", "good", "see", "you", "soon", "thanks", "agree", "lol"};

    private final Random random;
    private final int users;
    private final int posts;
    private final Instant start;
    private final Mix mix;
    private final InboxTraffic inbox;
    private final SpecificRecord[] recent = new SpecificRecord[4096];
    private final LikeEvent[] recentLikes = new LikeEvent[4096];
    private final CommentEvent[] recentComments = new CommentEvent[4096];
    private final FollowEvent[] recentFollows = new FollowEvent[4096];
    private long index;
    long likes;
    long unlikes;
    long comments;
    long commentDeletes;
    long follows;
    long unfollows;
    long messages;
    long repeats;

    DomainEvents(long seed, int users, int posts, Instant start) {
        this(seed, users, posts, start, Mix.DEFAULT);
    }

    DomainEvents(long seed, int users, int posts, Instant start, Mix mix) {
        this.random = new Random(seed);
        this.users = users;
        this.posts = posts;
        this.start = start;
        this.mix = mix;
        this.inbox = new InboxTraffic(new Random(seed * 31 + 7)); // its own, so the default mix is as before
    }

    static String authorOf(int post, int users) {
        return "u" + Math.floorMod(post * 7919L, users);
    }

    SpecificRecord next() {
        long i = index++;
        Instant at = start.plusMillis(i);
        if (mix == Mix.INBOX) {
            SpecificRecord event = inboxMixEvent(at);
            if (event != null) {
                recent[(int) (i % recent.length)] = event;
                return event;
            }
        }
        int pick = random.nextInt(100);
        SpecificRecord event;
        if (pick < 1 && i > 0) {
            repeats++;
            event = recent[random.nextInt((int) Math.min(i, recent.length))];
            return event;
        } else if (pick < 63) {
            event = like(i, at);
        } else if (pick < 78) {
            event = comment(i, at);
        } else if (pick < 90) {
            event = follow(i, at);
        } else {
            event = message(i, at);
        }
        recent[(int) (i % recent.length)] = event;
        return event;
    }

    /** An inbox action (10 %) or a retraction (5 %), or null for a contribution (85 %). */
    private SpecificRecord inboxMixEvent(Instant at) {
        int pick = random.nextInt(100);
        if (pick < 10) {
            InboxAction action = inbox.action(uuid(), at);
            if (action != null) {
                return action;
            }
        } else if (pick < 15) {
            SpecificRecord retraction = inbox.retraction(uuid(), at);
            if (retraction != null) {
                countRetraction(retraction);
                return retraction;
            }
        }
        return null;
    }

    private void countRetraction(SpecificRecord retraction) {
        switch (retraction) {
            case LikeEvent e -> unlikes++;
            case CommentEvent e -> commentDeletes++;
            default -> unfollows++;
        }
    }

    /** Take-backs inside likes, comments and follows: the default mix only, the inbox mix has its own. */
    private boolean takeBack(int percent) {
        return random.nextInt(100) < percent && mix == Mix.DEFAULT;
    }

    private LikeEvent like(long i, Instant at) {
        LikeEvent earlier = recentLikes[random.nextInt(recentLikes.length)];
        if (takeBack(8) && earlier != null && earlier.getAction() == LikeAction.LIKE) {
            unlikes++;
            LikeEvent unlike = LikeEvent.newBuilder(earlier).setEventId(uuid()).setOccurredAt(at)
                    .setAction(LikeAction.UNLIKE).build();
            recentLikes[(int) (i % recentLikes.length)] = unlike;
            return unlike;
        }
        likes++;
        int post = popularPost();
        LikeEvent like = LikeEvent.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(user())
                .setAction(LikeAction.LIKE).setPostId("p" + post).setPostAuthorId(authorOf(post, users)).build();
        recentLikes[(int) (i % recentLikes.length)] = like;
        inbox.contributed(like);
        return like;
    }

    private CommentEvent comment(long i, Instant at) {
        CommentEvent earlier = recentComments[random.nextInt(recentComments.length)];
        if (takeBack(10) && earlier != null && earlier.getAction() == CommentAction.ADDED) {
            commentDeletes++;
            CommentEvent delete = CommentEvent.newBuilder(earlier).setEventId(uuid()).setOccurredAt(at)
                    .setAction(CommentAction.DELETED).setText(null).build();
            recentComments[(int) (i % recentComments.length)] = delete;
            return delete;
        }
        comments++;
        int post = popularPost();
        CommentEvent comment = CommentEvent.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(user())
                .setAction(CommentAction.ADDED).setPostId("p" + post).setPostAuthorId(authorOf(post, users))
                .setCommentId("c" + i).setText(text(6 + random.nextInt(14))).build();
        recentComments[(int) (i % recentComments.length)] = comment;
        inbox.contributed(comment);
        return comment;
    }

    private FollowEvent follow(long i, Instant at) {
        FollowEvent earlier = recentFollows[random.nextInt(recentFollows.length)];
        if (takeBack(10) && earlier != null && earlier.getAction() == FollowAction.FOLLOW) {
            unfollows++;
            FollowEvent unfollow = FollowEvent.newBuilder(earlier).setEventId(uuid()).setOccurredAt(at)
                    .setAction(FollowAction.UNFOLLOW).build();
            recentFollows[(int) (i % recentFollows.length)] = unfollow;
            return unfollow;
        }
        follows++;
        double r = random.nextDouble();
        FollowEvent follow = FollowEvent.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(user())
                .setAction(FollowAction.FOLLOW).setFolloweeId("u" + (int) (users * r * r)).build();
        recentFollows[(int) (i % recentFollows.length)] = follow;
        inbox.contributed(follow);
        return follow;
    }

    private DirectMessage message(long i, Instant at) {
        messages++;
        String from = user();
        String to = user();
        List<String> members = random.nextInt(100) < 15 ? List.of(from, to, user()) : List.of(from, to);
        String conversation = "conv-" + (from.compareTo(to) < 0 ? from + "-" + to : to + "-" + from);
        DirectMessage message = DirectMessage.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(from)
                .setConversationId(conversation).setMessageId("m" + i).setRecipientIds(members)
                .setText(text(3 + random.nextInt(10))).build();
        inbox.contributed(message);
        return message;
    }

    /**
     * An event that certainly yields exactly one notification: a like by an actor never seen before
     * (so a new member of the post's likers and a new actor of the author's group), or a direct
     * message to one other user (always notifies, its text being new).
     */
    SpecificRecord certainNotification(long n, Instant at) {
        String actor = "lat-u" + n;
        if (random.nextInt(100) < 80) {
            int post = random.nextInt(posts);
            return LikeEvent.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(actor)
                    .setAction(LikeAction.LIKE).setPostId("p" + post).setPostAuthorId(authorOf(post, users)).build();
        }
        return DirectMessage.newBuilder().setEventId(uuid()).setOccurredAt(at).setActorId(actor)
                .setConversationId("lat-conv-" + n).setMessageId("lat-m" + n)
                .setRecipientIds(List.of(actor, user())).setText(text(4)).build();
    }

    static UUID eventId(SpecificRecord event) {
        return switch (event) {
            case LikeEvent e -> e.getEventId();
            case CommentEvent e -> e.getEventId();
            case FollowEvent e -> e.getEventId();
            case DirectMessage e -> e.getEventId();
            case InboxAction e -> e.getEventId();
            default -> throw new IllegalArgumentException("Not a generated event: " + event);
        };
    }

    String mix() {
        long total = index;
        String contributions = "likes %,d (+%,d unlikes), comments %,d (+%,d deletes), follows %,d (+%,d unfollows), messages %,d, repeated deliveries %,d"
                .formatted(likes, unlikes, comments, commentDeletes, follows, unfollows, messages, repeats);
        return mix == Mix.DEFAULT ? "%s; %,d in all".formatted(contributions, total)
                : "%s, inbox actions %,d (%s); %,d in all".formatted(contributions, inbox.actions(), inbox.actionMix(), total);
    }

    private int popularPost() {
        double r = random.nextDouble();
        return (int) (posts * r * r);
    }

    private String user() {
        return "u" + random.nextInt(users);
    }

    private UUID uuid() {
        return new UUID(random.nextLong(), random.nextLong());
    }

    private String text(int words) {
        StringBuilder text = new StringBuilder();
        for (int w = 0; w < words; w++) {
            if (w > 0) {
                text.append(' ');
            }
            text.append(WORDS[random.nextInt(WORDS.length)]);
        }
        return text.toString();
    }
}
