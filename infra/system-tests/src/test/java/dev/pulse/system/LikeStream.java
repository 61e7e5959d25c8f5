package dev.pulse.system;

import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Likes that keep coming while a test cuts and resumes connections: every {@code period}, {@code perTick}
 * likes from rotating actors on rotating posts of rotating authors, every seventh one taken back, until
 * closed (or after two minutes at most). Closing waits until everything sent is acknowledged.
 */
final class LikeStream implements AutoCloseable {

    private static final Duration LONGEST = Duration.ofMinutes(2);

    private final EventPublisher publisher;
    private final String[] authors;
    private final int perTick;
    private final AtomicInteger sent = new AtomicInteger();
    private final Instant end = Instant.now().plus(LONGEST);
    private final ScheduledExecutorService ticks = Executors.newSingleThreadScheduledExecutor(
            Thread.ofPlatform().name("like-stream").daemon().factory());

    LikeStream(EventPublisher publisher, int perTick, Duration period, String... authors) {
        this.publisher = publisher;
        this.perTick = perTick;
        this.authors = authors.clone();
        ticks.scheduleAtFixedRate(this::tick, 0, period.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        if (Instant.now().isAfter(end)) {
            ticks.shutdown();
            return;
        }
        for (int k = 0; k < perTick; k++) {
            int i = sent.getAndIncrement();
            publisher.publish(LikeEvent.newBuilder().setEventId(UUID.randomUUID()).setOccurredAt(Instant.now())
                    .setActorId("fan" + (i % 37)).setAction(i % 7 == 6 ? LikeAction.UNLIKE : LikeAction.LIKE)
                    .setPostId("post" + (i % 5)).setPostAuthorId(authors[i % authors.length]).build());
        }
    }

    /** Stops, and waits until every like sent is acknowledged. */
    @Override
    public void close() throws InterruptedException {
        ticks.shutdown();
        ticks.awaitTermination(10, TimeUnit.SECONDS);
        publisher.flush();
    }
}
