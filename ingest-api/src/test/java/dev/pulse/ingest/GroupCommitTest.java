package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.pulse.schemas.LikeAction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link GroupCommit}: requests that wait while a transaction runs share the next one, each gets exactly
 * its own events' places, a failed transaction fails every request in it, and a request that cannot get
 * the turn in time leaves nothing behind.
 */
class GroupCommitTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final ReentrantLock turn = new ReentrantLock();
    private final List<Integer> transactionSizes = Collections.synchronizedList(new ArrayList<>());
    private final CountDownLatch release = new CountDownLatch(1);
    /** A thread per request: each blocks on the turn, so a bounded pool would starve. */
    private final ExecutorService requests = Executors.newCachedThreadPool();

    @AfterEach
    void stop() {
        release.countDown();
        requests.shutdownNow();
    }

    @Test
    void shouldWriteTheRequestsThatWaitedInOneTransactionEachGettingItsOwnPlaces() throws Exception {
        GroupCommit group = new GroupCommit(turn, TIMEOUT, 1_000);
        CompletableFuture<List<RecordMetadata>> first = async(() -> group.write(events(1), blockingFirst(), this::busy));
        await().atMost(TIMEOUT).until(() -> transactionSizes.size() == 1);
        List<CompletableFuture<List<RecordMetadata>>> waiting = new ArrayList<>();
        for (int i = 2; i <= 4; i++) {
            int n = i;
            waiting.add(async(() -> group.write(events(n), blockingFirst(), this::busy)));
        }
        await().atMost(TIMEOUT).until(() -> turn.getQueueLength() == 3);

        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
        for (int i = 0; i < waiting.size(); i++) {
            assertThat(waiting.get(i).get(10, TimeUnit.SECONDS)).hasSize(i + 2)
                    .allSatisfy(at -> assertThat(at.offset()).isGreaterThanOrEqualTo(1));
        }
        assertThat(transactionSizes).containsExactly(1, 2 + 3 + 4);
    }

    @Test
    void shouldFailEveryRequestOfAFailedTransaction() throws Exception {
        GroupCommit group = new GroupCommit(turn, TIMEOUT, 1_000);
        Function<List<SpecificRecord>, List<RecordMetadata>> failing = events -> {
            transactionSizes.add(events.size());
            awaitRelease();
            throw new IllegalStateException("kafka gone");
        };
        CompletableFuture<List<RecordMetadata>> first = async(() -> group.write(events(1), failing, this::busy));
        await().atMost(TIMEOUT).until(() -> transactionSizes.size() == 1);
        CompletableFuture<List<RecordMetadata>> second = async(() -> group.write(events(2), failing, this::busy));
        CompletableFuture<List<RecordMetadata>> third = async(() -> group.write(events(3), failing, this::busy));
        await().atMost(TIMEOUT).until(() -> turn.getQueueLength() == 2);

        release.countDown();

        for (CompletableFuture<List<RecordMetadata>> request : List.of(first, second, third)) {
            assertThatThrownBy(() -> request.get(10, TimeUnit.SECONDS)).hasRootCauseMessage("kafka gone");
        }
        assertThat(transactionSizes).containsExactly(1, 5);
    }

    @Test
    void shouldRefuseARequestThatDoesNotGetTheTurnInTimeAndNeverWriteIt() throws Exception {
        GroupCommit group = new GroupCommit(turn, Duration.ofMillis(200), 1_000);
        CompletableFuture<List<RecordMetadata>> first = async(() -> group.write(events(1), blockingFirst(), this::busy));
        await().atMost(TIMEOUT).until(() -> transactionSizes.size() == 1);

        assertThatThrownBy(() -> group.write(events(2), blockingFirst(), this::busy)).hasMessage("busy");
        release.countDown();

        assertThat(first.get(10, TimeUnit.SECONDS)).hasSize(1);
        assertThat(group.write(events(3), blockingFirst(), this::busy)).hasSize(3);
        assertThat(transactionSizes).containsExactly(1, 3);
    }

    @Test
    void shouldLeaveARequestOverTheGroupLimitForTheNextTransaction() throws Exception {
        GroupCommit group = new GroupCommit(turn, TIMEOUT, 4);
        CompletableFuture<List<RecordMetadata>> first = async(() -> group.write(events(1), blockingFirst(), this::busy));
        await().atMost(TIMEOUT).until(() -> transactionSizes.size() == 1);
        CompletableFuture<List<RecordMetadata>> three = async(() -> group.write(events(3), blockingFirst(), this::busy));
        await().atMost(TIMEOUT).until(() -> turn.getQueueLength() == 1);
        CompletableFuture<List<RecordMetadata>> two = async(() -> group.write(events(2), blockingFirst(), this::busy));
        await().atMost(TIMEOUT).until(() -> turn.getQueueLength() == 2);

        release.countDown();

        assertThat(List.of(first.get(10, TimeUnit.SECONDS), three.get(10, TimeUnit.SECONDS), two.get(10, TimeUnit.SECONDS)))
                .extracting(List::size).containsExactly(1, 3, 2);
        assertThat(transactionSizes).containsExactly(1, 3, 2);
    }

    /** A transaction that records its size, waits for {@link #release} the first time, and places events at 1, 2, ... */
    private Function<List<SpecificRecord>, List<RecordMetadata>> blockingFirst() {
        return events -> {
            transactionSizes.add(events.size());
            awaitRelease();
            List<RecordMetadata> landed = new ArrayList<>();
            for (int i = 0; i < events.size(); i++) {
                landed.add(new RecordMetadata(new TopicPartition("t", 0), i + 1, 0, 0, 0, 0));
            }
            return landed;
        };
    }

    private void awaitRelease() {
        try {
            if (!release.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private <T> CompletableFuture<T> async(Supplier<T> request) {
        return CompletableFuture.supplyAsync(request, requests);
    }

    private RuntimeException busy() {
        return new IllegalStateException("busy");
    }

    private static List<SpecificRecord> events(int n) {
        List<SpecificRecord> events = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            events.add(EventFixtures.like(LikeAction.LIKE));
        }
        return events;
    }
}
