package dev.pulse.ingest;

import dev.pulse.service.Settings;
import java.time.Duration;
import java.util.UUID;

/**
 * The ingest API's own settings, read from {@code events.*} and validated at start.
 *
 * @param kafkaTimeout    the longest a request waits on Kafka (producer start, metadata, commit) before a 503
 * @param transactionalId this instance's transactional producer id; unique per running instance
 * @param maxEvents       most events in one {@code POST /v1/events}
 * @param maxBytes        largest body of one {@code POST /v1/events}
 * @param idempotency     this node's record of requests sent with an {@code Idempotency-Key}
 * @param rateLimit       each caller's request rate limit
 */
public record IngestSettings(Duration kafkaTimeout, String transactionalId, int maxEvents, long maxBytes,
                             Idempotency idempotency, RateLimit rateLimit) {

    /**
     * @param ttl     how long a request's answer is kept to answer a repeat
     * @param maxKeys most (caller, key) records kept, a batch's counting once per event
     */
    public record Idempotency(Duration ttl, long maxKeys) {
    }

    /**
     * @param perSecond requests per second each caller may send, on average
     * @param burst     requests a caller may send at once after being idle
     */
    public record RateLimit(long perSecond, long burst) {
    }

    /** Reads {@code events.*}, adding any problem to {@code settings}. */
    public static IngestSettings read(Settings settings) {
        Duration timeout = Duration.ofMillis(settings.whole("events.kafka.timeout.ms", 100, 120_000));
        String transactionalId = settings.optionalText("events.transactional.id")
                .orElseGet(() -> defaultTransactionalId(settings.optionalText("kafka.topic.prefix").orElse("")));
        Idempotency idempotency = new Idempotency(Duration.ofHours(settings.whole("events.idempotency.ttl.hours", 1, 24 * 30)),
                settings.whole("events.idempotency.max.keys", 1, 100_000_000));
        RateLimit rate = new RateLimit(settings.whole("events.rate.per.second", 1, 1_000_000),
                settings.whole("events.rate.burst", 1, 1_000_000));
        return new IngestSettings(timeout, transactionalId, settings.integer("events.batch.max.events", 1, 100_000),
                settings.whole("events.batch.max.bytes", 1, Integer.MAX_VALUE), idempotency, rate);
    }

    /**
     * A new id per start: two instances must never share one (the second would fence the first), and an
     * instance needs no id of its past, since it has no input position to commit with its writes.
     */
    static String defaultTransactionalId(String topicPrefix) {
        return topicPrefix + "pulse-ingest-" + UUID.randomUUID();
    }
}
