package dev.pulse.processor;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.LogAndContinueExceptionHandler;
import org.apache.kafka.streams.errors.LogAndContinueProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;

/**
 * How the processor dead-letters bad input, and the count of it: a record that cannot be decoded or
 * processed is logged, written unchanged with the reason in headers to the dead-letter topic, and
 * processing goes on (Kafka Streams' log-and-continue handlers with its dead-letter queue). Each record
 * handed to that topic increments {@value #COUNTER} (Prometheus {@code pulse_processor_dead_letters_total})
 * tagged {@code stage} = {@code deserialization} or {@code processing}: Kafka's own
 * {@code dropped-records} is per task, restarts at 0 after every rebalance and also counts other drops.
 *
 * <p>Kafka creates the handlers from their class names, so the counters reach them through the
 * Streams properties under {@link #CONFIG}, which Kafka hands to each handler's {@code configure}.
 */
public final class DeadLetters {

    public static final String COUNTER = "pulse.processor.dead.letters";
    /** The Streams property carrying this object to the handlers; not a Kafka setting. */
    public static final String CONFIG = "pulse.dead.letters";

    private final Counter deserialization;
    private final Counter processing;

    public DeadLetters(MeterRegistry registry) {
        deserialization = counter(registry, "deserialization");
        processing = counter(registry, "processing");
    }

    /** Sets the handlers and the dead-letter topic in {@code props}, with this object for them to count into. */
    public void applyTo(Properties props, String deadLetterTopic) {
        props.put(StreamsConfig.ERRORS_DEAD_LETTER_QUEUE_TOPIC_NAME_CONFIG, deadLetterTopic);
        props.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, UndecodableRecords.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.class);
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        props.put(CONFIG, this);
    }

    private static Counter counter(MeterRegistry registry, String stage) {
        return Counter.builder(COUNTER)
                .description("Records written to the dead-letter topic since start, by the stage that failed")
                .tag("stage", stage)
                .register(registry);
    }

    /** Finds the counters Kafka passed in {@code configs}; none when {@link #applyTo} was not used. */
    private static DeadLetters from(Map<String, ?> configs) {
        return configs.get(CONFIG) instanceof DeadLetters letters ? letters : null;
    }

    /** Dead-letters a record that cannot be deserialized, and counts it. Kafka creates it by class name. */
    public static final class UndecodableRecords extends LogAndContinueExceptionHandler {

        private Counter counter;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            DeadLetters letters = from(configs);
            counter = letters == null ? null : letters.deserialization;
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record,
                                    Exception exception) {
            Response response = super.handleError(context, record, exception);
            if (counter != null) {
                counter.increment(response.deadLetterQueueRecords().size());
            }
            return response;
        }
    }

    /** Dead-letters a record whose processing threw, and counts it. Kafka creates it by class name. */
    public static final class FailedRecords extends LogAndContinueProcessingExceptionHandler {

        private Counter counter;

        @Override
        public void configure(Map<String, ?> configs) {
            super.configure(configs);
            DeadLetters letters = from(configs);
            counter = letters == null ? null : letters.processing;
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            Response response = super.handleError(context, record, exception);
            if (counter != null) {
                counter.increment(response.deadLetterQueueRecords().size());
            }
            return response;
        }
    }
}
