package dev.pulse.ingest.bench;

import dev.pulse.schemas.kafka.EventPublisher;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.avro.specific.SpecificRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * Events per second accepted by the two ways in: batches posted by {@code clients} concurrent HTTP clients
 * (each its own keep-alive connection, each sending its next batch when the last was answered), and the
 * raw Java producer ({@link EventPublisher}) sending the same events asynchronously. Each ends when the
 * last event is acknowledged (202, or the producer's ack).
 */
final class Throughput {

    private Throughput() {
    }

    /** A run's result; {@code failed} counts batches not answered 202. */
    record Result(int events, double seconds, int failed) {

        double perSecond() {
            return events / seconds;
        }
    }

    static Result http(List<String> batches, int eventsPerBatch, int clients, int port, String token)
            throws InterruptedException {
        AtomicInteger next = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        List<Thread> threads = new ArrayList<>(clients);
        long start = System.nanoTime();
        for (int c = 0; c < clients; c++) {
            BenchHttp client = new BenchHttp(port, token);
            threads.add(Thread.ofPlatform().name("driver-http-" + c).start(() -> {
                for (int i = next.getAndIncrement(); i < batches.size(); i = next.getAndIncrement()) {
                    if (client.post(batches.get(i)) != 202) {
                        failed.incrementAndGet();
                    }
                }
            }));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return new Result(batches.size() * eventsPerBatch, (System.nanoTime() - start) / 1e9, failed.get());
    }

    static Result producer(EventPublisher publisher, List<SpecificRecord> events, Duration timeout) throws Exception {
        List<CompletableFuture<RecordMetadata>> acks = new ArrayList<>(events.size());
        long start = System.nanoTime();
        for (SpecificRecord event : events) {
            acks.add(publisher.publish(event));
        }
        CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(events.size(), seconds, 0);
    }
}
