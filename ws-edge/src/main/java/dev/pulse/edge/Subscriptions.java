package dev.pulse.edge;

import dev.pulse.schemas.PostCounts;
import dev.pulse.schemas.TrendingSnapshot;
import dev.pulse.schemas.UserCounts;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.schemas.views.PostCountsView;
import dev.pulse.schemas.views.TrendingView;
import dev.pulse.schemas.views.UserCountsView;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * What connections may watch besides their inbox: post counts, user counts and trending, each a
 * {@link Watches} fed by its own topic (counts.posts, counts.users, trending) and first values from the
 * query API, and users' presence, fed by the signals topic ({@link Signals}); flushed to watchers every
 * {@link Watches#FLUSH_EVERY}.
 */
final class Subscriptions implements AutoCloseable {

    private final Watches posts;
    private final Watches users;
    private final Watches trending;
    private final Watches presence;
    private final List<PartitionFeed<?>> feeds;
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("watch-flush").daemon().factory());

    /** @param kafka the Kafka settings of this node's client with the given role (counts-posts, ...) */
    Subscriptions(Function<String, Map<String, Object>> kafka, Topics topics, QueryClient queries, EdgeSettings edge,
                  PartitionFeed<?> signalFeed, Signals signals) {
        PartitionFeed<PostCounts> postFeed = new PartitionFeed<>(kafka.apply("counts-posts"), topics.postCounts(),
                this::postChanged);
        PartitionFeed<UserCounts> userFeed = new PartitionFeed<>(kafka.apply("counts-users"), topics.userCounts(),
                this::userChanged);
        PartitionFeed<TrendingSnapshot> trendingFeed = new PartitionFeed<>(kafka.apply("trending"), topics.trending(),
                this::trendingChanged);
        this.feeds = List.of(postFeed, userFeed, trendingFeed);
        this.posts = new Watches("post", postFeed, (id, token) -> post(queries.postCounts(id, token)),
                edge.queryTimeout(), edge.subscriptionsPerConnection());
        this.users = new Watches("user", userFeed, (id, token) -> user(queries.userCounts(id, token)),
                edge.queryTimeout(), edge.subscriptionsPerConnection());
        this.trending = new Watches("trending", trendingFeed, (key, token) -> trending(queries.trending(token)),
                edge.queryTimeout(), 1);
        this.presence = new Watches("presence", signalFeed, (userId, token) -> signals.knownPresence(userId),
                edge.queryTimeout(), edge.subscriptionsPerConnection());
        signals.watchPresenceWith(presence);
        long every = Watches.FLUSH_EVERY.toMillis();
        flusher.scheduleAtFixedRate(this::flush, every, every, TimeUnit.MILLISECONDS);
    }

    private void postChanged(PostCounts counts) {
        posts.update(counts.getPostId(), post(PostCountsView.of(counts.getPostId(), counts)));
    }

    private void userChanged(UserCounts counts) {
        users.update(counts.getUserId(), user(UserCountsView.of(counts.getUserId(), counts)));
    }

    private void trendingChanged(TrendingSnapshot snapshot) {
        trending.update(Topics.TRENDING_KEY, trending(TrendingView.of(snapshot)));
    }

    private static Watches.Value post(PostCountsView view) {
        return new Watches.Value(view.updatedAt(), ServerFrames.text(new ServerFrames.Count("post", view.postId(), view)));
    }

    private static Watches.Value user(UserCountsView view) {
        return new Watches.Value(view.updatedAt(), ServerFrames.text(new ServerFrames.Count("user", view.userId(), view)));
    }

    private static Watches.Value trending(TrendingView view) {
        return new Watches.Value(view.computedAt(), ServerFrames.text(new ServerFrames.Trending(view)));
    }

    Watches posts() {
        return posts;
    }

    Watches users() {
        return users;
    }

    Watches trending() {
        return trending;
    }

    Watches presence() {
        return presence;
    }

    private void flush() {
        posts.flush();
        users.flush();
        trending.flush();
        presence.flush();
    }

    /** Puts the Kafka metrics of the count and trending feeds' consumers on {@code registry} until they close. */
    void bindMeters(MeterRegistry registry) {
        feeds.forEach(feed -> feed.bindMeters(registry));
    }

    /** A closed connection watches nothing any more. */
    void leave(Session session) {
        posts.leave(session);
        users.leave(session);
        trending.leave(session);
        presence.leave(session);
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        feeds.forEach(PartitionFeed::close);
    }
}
