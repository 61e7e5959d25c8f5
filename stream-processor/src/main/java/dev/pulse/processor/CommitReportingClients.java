package dev.pulse.processor;

import dev.pulse.processor.inbox.OpenWrites;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaClientSupplier;

/**
 * Kafka Streams' clients, as its default supplier makes them, except that each stream thread's producer
 * tells {@link OpenWrites} how the thread's transactions end. Kafka Streams calls a thread's producer on
 * that thread, so the report reaches the transaction the thread's inbox writes were marked in.
 */
final class CommitReportingClients implements KafkaClientSupplier {

    private final OpenWrites openWrites;

    CommitReportingClients(OpenWrites openWrites) {
        this.openWrites = openWrites;
    }

    @Override
    public Admin getAdmin(Map<String, Object> config) {
        return Admin.create(config);
    }

    @Override
    public Producer<byte[], byte[]> getProducer(Map<String, Object> config) {
        return new ReportingProducer(config, openWrites);
    }

    @Override
    public Consumer<byte[], byte[]> getConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getRestoreConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    @Override
    public Consumer<byte[], byte[]> getGlobalConsumer(Map<String, Object> config) {
        return consumer(config);
    }

    private static Consumer<byte[], byte[]> consumer(Map<String, Object> config) {
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    /** A stream thread's producer that reports the end of each transaction, also one left open by a close. */
    private static final class ReportingProducer extends KafkaProducer<byte[], byte[]> {

        private final OpenWrites openWrites;

        ReportingProducer(Map<String, Object> config, OpenWrites openWrites) {
            super(config, new ByteArraySerializer(), new ByteArraySerializer());
            this.openWrites = openWrites;
        }

        @Override
        public void commitTransaction() {
            super.commitTransaction();
            openWrites.committed();
        }

        @Override
        public void abortTransaction() {
            try {
                super.abortTransaction();
            } finally {
                openWrites.aborted();
            }
        }

        @Override
        public void close(Duration timeout) {
            try {
                super.close(timeout);
            } finally {
                openWrites.aborted();
            }
        }
    }
}
