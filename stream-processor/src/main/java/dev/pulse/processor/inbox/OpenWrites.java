package dev.pulse.processor.inbox;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The users whose inbox stores hold writes of a transaction that is not committed yet, so that the inbox
 * queries answer only what the inbox topic will also say.
 *
 * <p>An active task's stores show the writes of its open transaction to interactive queries (Kafka
 * Streams has no committed-only read). If that transaction aborts, its inputs are processed again, and
 * not necessarily in the same order across the task's topics, so a seq the query gave out could name
 * another change on the topic. So the inbox processors mark their user before they write
 * ({@link #writing}), the stream thread's producer reports how its transaction ended ({@link #committed},
 * {@link #aborted}), and a query that read a marked user waits for that transaction to commit
 * ({@link #awaitCommitted}). A stream thread has one producer and one transaction open at a time, so a
 * transaction is the calling thread's.
 */
public final class OpenWrites {

    /** How a wait for a user's open writes ended. */
    public enum Outcome {
        /** Nothing the query read is uncommitted any more. */
        COMMITTED,
        /** The transaction the query may have read from was aborted: its answer may name records that never were. */
        ABORTED,
        /** The transaction was still open after the longest a transaction may stay open. */
        TIMED_OUT
    }

    private final ConcurrentMap<String, CompletableFuture<Boolean>> marked = new ConcurrentHashMap<>();
    private final ThreadLocal<Transaction> open = ThreadLocal.withInitial(Transaction::new);
    private final Duration longestWait;

    /** {@code longestWait}: how long a query waits at most, the streams' transaction timeout. */
    public OpenWrites(Duration longestWait) {
        this.longestWait = longestWait;
    }

    /** On a stream thread, before the inbox stores of {@code user} are written in the thread's open transaction. */
    public void writing(String user) {
        Transaction transaction = open.get();
        if (transaction.users.add(user)) {
            marked.put(user, transaction.outcome);
        }
    }

    /** On a stream thread, once its producer committed the open transaction. */
    public void committed() {
        Transaction transaction = open.get();
        transaction.outcome.complete(true);
        transaction.users.forEach(user -> marked.remove(user, transaction.outcome));
        open.set(new Transaction());
    }

    /**
     * On a stream thread, once its producer aborted the open transaction, or was closed with it open. Its users
     * stay marked: until a query has seen the abort, or a new transaction writes them, what the stores show of
     * them may be what was aborted.
     */
    public void aborted() {
        open.get().outcome.complete(false);
        open.set(new Transaction());
    }

    /**
     * Waits until what a query just read of {@code user}'s inbox is committed. Call it after the reads: a write
     * the reads saw was marked before it was made, and the mark goes only once its transaction committed.
     */
    public Outcome awaitCommitted(String user) throws InterruptedException {
        CompletableFuture<Boolean> outcome = marked.get(user);
        if (outcome == null) {
            return Outcome.COMMITTED;
        }
        try {
            if (outcome.get(longestWait.toMillis(), TimeUnit.MILLISECONDS)) {
                return Outcome.COMMITTED;
            }
            marked.remove(user, outcome);
            return Outcome.ABORTED;
        } catch (TimeoutException e) {
            return Outcome.TIMED_OUT;
        } catch (ExecutionException e) {
            throw new IllegalStateException("a transaction's outcome is never completed exceptionally", e);
        }
    }

    /** How many users are marked: those of open transactions, and of aborted ones no query has seen yet. */
    public int markedUsers() {
        return marked.size();
    }

    /** One stream thread's open transaction: the users it wrote and how it ends. */
    private static final class Transaction {
        final Set<String> users = new HashSet<>();
        final CompletableFuture<Boolean> outcome = new CompletableFuture<>();
    }
}
