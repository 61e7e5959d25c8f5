package dev.pulse.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import dev.pulse.ingest.WriteGate.Answer;
import dev.pulse.service.ProblemException;
import io.helidon.http.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HexFormat;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

/**
 * This node's record of the requests it answered under an {@link IdempotencyKey}: per (caller, key) a hash
 * of the body and the answer, so a repeat is answered from the record without writing again, and the same
 * key with another body is refused with a 422 {@value #REUSED}. Bounded: each record is forgotten
 * {@code ttl} after it was made (24 h by default), and at most {@code maxKeys} are kept, a record of a batch
 * counting once per event (its answer holds one line per event), so memory stays bounded by events kept.
 *
 * <p>The record of a request is made when it starts, as a future its answer completes: a concurrent
 * repeat waits for that answer instead of writing a second time. A request that fails leaves no record,
 * and its waiting repeats get the same failure. A repeat this node cannot tell (made on another node, or
 * before a restart, or after the record was forgotten or evicted) is written again with the same derived
 * event ids, and the processor's event-id dedup keeps it once.
 */
final class IdempotencyRecords {

    /** Problem code of a key reused with another body. */
    static final String REUSED = "idempotency-key-reused";
    static final String IN_FLIGHT = "idempotency-key-in-flight";

    private final Cache<IdempotencyKey, Entry> records;
    private final Duration wait;

    /** @param wait the longest a repeat waits for the request it repeats, which is still being written */
    IdempotencyRecords(Duration ttl, long maxKeys, Duration wait, Ticker ticker) {
        this.records = Caffeine.newBuilder().expireAfterWrite(ttl).maximumWeight(maxKeys)
                .<IdempotencyKey, Entry>weigher((key, entry) -> entry.events()).ticker(ticker).build();
        this.wait = wait;
    }

    /** An answer, and whether it was replayed from the record of an earlier request. */
    record Outcome(Answer answer, boolean repeat) {
    }

    private record Entry(String bodyHash, int events, CompletableFuture<Answer> answer) {
    }

    /** The answer to a request with {@code key} and {@code body} of {@code events}: {@code write}'s, or the recorded one. */
    Outcome once(IdempotencyKey key, JsonNode body, int events, Supplier<Answer> write) {
        Entry mine = new Entry(hash(body), Math.max(1, events), new CompletableFuture<>());
        Entry first = records.asMap().putIfAbsent(key, mine);
        if (first == null) {
            return new Outcome(run(key, mine, write), false);
        }
        if (!first.bodyHash().equals(mine.bodyHash())) {
            throw new ProblemException(Status.UNPROCESSABLE_CONTENT_422, REUSED, "this "
                    + IdempotencyKey.HEADER.defaultCase() + " was sent before with another body; use a new key for"
                    + " a new request");
        }
        return new Outcome(await(first), true);
    }

    private Answer run(IdempotencyKey key, Entry mine, Supplier<Answer> write) {
        try {
            Answer answer = write.get();
            mine.answer().complete(answer);
            return answer;
        } catch (RuntimeException | Error e) {
            records.asMap().remove(key, mine);
            mine.answer().completeExceptionally(e);
            throw e;
        }
    }

    private Answer await(Entry first) {
        try {
            return first.answer().get(wait.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw e.getCause() instanceof RuntimeException failure ? failure : new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw inFlight();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw inFlight();
        }
    }

    private ProblemException inFlight() {
        return ProblemException.unavailable(IN_FLIGHT, "the first request with this "
                + IdempotencyKey.HEADER.defaultCase() + " is still being written; retry it later", wait);
    }

    /** SHA-256 of the body as parsed, so whitespace and escapes do not make a repeat look different. */
    private static String hash(JsonNode body) {
        return HexFormat.of().formatHex(IdempotencyKey.sha256().digest(body.toString().getBytes(StandardCharsets.UTF_8)));
    }
}
