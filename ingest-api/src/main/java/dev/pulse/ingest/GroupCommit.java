package dev.pulse.ingest;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Group commit for the one transactional producer: the requests waiting while a transaction runs are
 * written together in the next one, instead of one transaction each. Each request's events stay in one
 * transaction, so a request is still all or nothing; a failed transaction fails every request in it, and
 * none of them is committed. A transaction costs about the same for one event as for hundreds (the commit's
 * round trips dominate), so under concurrent load this is what keeps writes from queueing behind each
 * other's commits.
 *
 * <p>No thread of its own (flat combining): a request queues its events and takes the turn; whoever holds
 * the turn writes everything queued, up to {@code maxEvents}, and completes each request's answer; a
 * request whose events someone else wrote returns as soon as it gets the turn, or its answer. Every wait is
 * bounded by {@code timeout}: a request that does not get the turn in time is taken back out of the queue
 * and refused with {@code busy}; one already taken into a transaction waits for that transaction's outcome.
 */
final class GroupCommit {

    private final Queue<Pending> queue = new ConcurrentLinkedQueue<>();
    private final ReentrantLock turn;
    private final Duration timeout;
    private final int maxEvents;

    GroupCommit(ReentrantLock turn, Duration timeout, int maxEvents) {
        this.turn = turn;
        this.timeout = timeout;
        this.maxEvents = maxEvents;
    }

    private record Pending(List<SpecificRecord> events, CompletableFuture<List<RecordMetadata>> landed) {
    }

    /**
     * Where each of {@code events} landed, written by {@code transaction} (in one call, perhaps with other
     * requests' events); the transaction's own failure as it was thrown, or {@code busy} when the turn did
     * not come in time and nothing was written.
     */
    List<RecordMetadata> write(List<SpecificRecord> events, Function<List<SpecificRecord>, List<RecordMetadata>> transaction,
                               Supplier<RuntimeException> busy) {
        Pending mine = new Pending(events, new CompletableFuture<>());
        queue.add(mine);
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!mine.landed().isDone()) {
            if (!takeTurn(deadline)) {
                if (queue.remove(mine)) {
                    throw busy.get();
                }
                break; // in a transaction that is running now: its outcome is bounded too
            }
            try {
                if (!mine.landed().isDone()) {
                    writeGroup(transaction);
                }
            } finally {
                turn.unlock();
            }
        }
        return outcome(mine, busy);
    }

    private boolean takeTurn(long deadline) {
        try {
            return turn.tryLock(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private void writeGroup(Function<List<SpecificRecord>, List<RecordMetadata>> transaction) {
        List<Pending> group = new ArrayList<>();
        List<SpecificRecord> events = new ArrayList<>();
        Pending next;
        while ((next = queue.peek()) != null && (group.isEmpty() || events.size() + next.events().size() <= maxEvents)) {
            if (queue.remove(next)) { // else its request gave up meanwhile
                group.add(next);
                events.addAll(next.events());
            }
        }
        List<RecordMetadata> landed;
        try {
            landed = transaction.apply(events);
        } catch (RuntimeException | Error e) {
            group.forEach(p -> p.landed().completeExceptionally(e));
            return;
        }
        int from = 0;
        for (Pending p : group) {
            p.landed().complete(landed.subList(from, from + p.events().size()));
            from += p.events().size();
        }
    }

    private List<RecordMetadata> outcome(Pending mine, Supplier<RuntimeException> busy) {
        try {
            return mine.landed().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException failure) {
                throw failure;
            }
            throw (Error) e.getCause();
        } catch (TimeoutException e) {
            throw busy.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw busy.get();
        }
    }
}
