package dev.pulse.processor.inbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A query waits for the transaction its user's writes are in, as the thread that wrote them reports it. */
class OpenWritesTest {

    private static final Duration LONG_WAIT = Duration.ofSeconds(30);

    private final ExecutorService streamThread = Executors.newSingleThreadExecutor();
    private final ExecutorService otherStreamThread = Executors.newSingleThreadExecutor();
    private final OpenWrites openWrites = new OpenWrites(LONG_WAIT);

    @AfterEach
    void stopThreads() {
        streamThread.shutdownNow();
        otherStreamThread.shutdownNow();
    }

    @Test
    void shouldAnswerAtOnceForAUserWithNoOpenWrites() throws Exception {
        on(streamThread, () -> openWrites.writing("ana"));

        assertThat(openWrites.awaitCommitted("bob")).isEqualTo(OpenWrites.Outcome.COMMITTED);
    }

    @Test
    void shouldWaitUntilTheWritingThreadCommits() {
        on(streamThread, () -> openWrites.writing("bob"));

        CompletableFuture<OpenWrites.Outcome> query = query("bob");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !query.isDone());
        on(otherStreamThread, openWrites::committed);
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !query.isDone());
        on(streamThread, openWrites::committed);

        assertThat(query.join()).isEqualTo(OpenWrites.Outcome.COMMITTED);
        assertThat(openWrites.markedUsers()).isZero();
    }

    @Test
    void shouldReportAnAbortOnceThenAnswer() throws Exception {
        on(streamThread, () -> openWrites.writing("bob"));
        on(streamThread, openWrites::aborted);

        assertThat(openWrites.markedUsers()).as("marked until a query saw the abort").isOne();
        assertThat(openWrites.awaitCommitted("bob")).isEqualTo(OpenWrites.Outcome.ABORTED);
        assertThat(openWrites.awaitCommitted("bob")).isEqualTo(OpenWrites.Outcome.COMMITTED);
    }

    @Test
    void shouldWaitForTheNewTransactionWhenAnAbortedUserIsWrittenAgain() {
        on(streamThread, () -> openWrites.writing("bob"));
        on(streamThread, openWrites::aborted);
        on(streamThread, () -> openWrites.writing("bob"));

        CompletableFuture<OpenWrites.Outcome> query = query("bob");
        await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(() -> !query.isDone());
        on(streamThread, openWrites::committed);

        assertThat(query.join()).isEqualTo(OpenWrites.Outcome.COMMITTED);
    }

    @Test
    void shouldGiveUpAfterTheLongestWait() throws Exception {
        OpenWrites quick = new OpenWrites(Duration.ofMillis(50));
        on(streamThread, () -> quick.writing("bob"));

        assertThat(quick.awaitCommitted("bob")).isEqualTo(OpenWrites.Outcome.TIMED_OUT);
    }

    private CompletableFuture<OpenWrites.Outcome> query(String user) {
        return CompletableFuture.supplyAsync(() -> {
            try {
                return openWrites.awaitCommitted(user);
            } catch (InterruptedException e) {
                throw new CompletionException(e);
            }
        });
    }

    private static void on(ExecutorService thread, Runnable step) {
        CompletableFuture.runAsync(step, thread).join();
    }
}
