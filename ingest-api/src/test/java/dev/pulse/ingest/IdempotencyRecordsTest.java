package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.ingest.WriteGate.Accepted;
import dev.pulse.ingest.WriteGate.Answer;
import dev.pulse.ingest.IdempotencyRecords.Outcome;
import dev.pulse.service.Json;
import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class IdempotencyRecordsTest {

    private static final Answer ANSWER = new Answer(List.of(new Accepted("id-0", "events.likes", 1, 7)), false);

    private final AtomicLong now = new AtomicLong();
    private final IdempotencyRecords records = new IdempotencyRecords(Duration.ofHours(24), 100,
            Duration.ofSeconds(10), now::get);
    private final IdempotencyKey key = new IdempotencyKey("ana", "k-1");
    private final AtomicInteger writes = new AtomicInteger();

    @Test
    void shouldAnswerARepeatFromTheRecordWithoutWritingAgain() {
        records.once(key, body("p1"), 1, this::write);

        Outcome repeat = records.once(key, body("p1"), 1, this::write);

        assertThat(repeat).isEqualTo(new Outcome(ANSWER, true));
        assertThat(writes).hasValue(1);
    }

    @Test
    void shouldRefuseTheSameKeyWithAnotherBodyWith422() {
        records.once(key, body("p1"), 1, this::write);

        assertThatThrownBy(() -> records.once(key, body("p2"), 1, this::write))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(Status.UNPROCESSABLE_CONTENT_422);
                    assertThat(e.code()).isEqualTo(IdempotencyRecords.REUSED);
                });
        assertThat(writes).hasValue(1);
    }

    @Test
    void shouldKeepTheSameKeyOfAnotherCallerApart() {
        records.once(key, body("p1"), 1, this::write);

        Outcome bob = records.once(new IdempotencyKey("bob", "k-1"), body("p2"), 1, this::write);

        assertThat(bob.repeat()).isFalse();
        assertThat(writes).hasValue(2);
    }

    @Test
    void shouldWriteAgainAfterTheRecordExpired() {
        records.once(key, body("p1"), 1, this::write);

        now.addAndGet(Duration.ofHours(24).plusSeconds(1).toNanos());

        assertThat(records.once(key, body("p1"), 1, this::write).repeat()).isFalse();
        assertThat(writes).hasValue(2);
    }

    @Test
    void shouldKeepNoRecordOfAFailedWrite() {
        ProblemException down = ProblemException.unavailable("kafka-unavailable", "down", Duration.ofSeconds(1));
        assertThatThrownBy(() -> records.once(key, body("p1"), 1, () -> {
            throw down;
        })).isSameAs(down);

        assertThat(records.once(key, body("p1"), 1, this::write).repeat()).isFalse();
    }

    @Test
    void shouldLetAConcurrentRepeatWaitForTheFirstAnswerInsteadOfWriting() throws Exception {
        CountDownLatch writing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Outcome> first = CompletableFuture.supplyAsync(() -> records.once(key, body("p1"), 1, () -> {
            writing.countDown();
            await(release);
            return write();
        }));
        assertThat(writing.await(10, TimeUnit.SECONDS)).isTrue();

        CompletableFuture<Outcome> second = CompletableFuture.supplyAsync(() -> records.once(key, body("p1"), 1, this::write));
        release.countDown();

        assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo(new Outcome(ANSWER, true));
        assertThat(first.get(10, TimeUnit.SECONDS).repeat()).isFalse();
        assertThat(writes).hasValue(1);
    }

    private Answer write() {
        writes.incrementAndGet();
        return ANSWER;
    }

    private static JsonNode body(String postId) {
        return Json.mapper().createObjectNode().put("type", "LikeEvent").put("postId", postId);
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
