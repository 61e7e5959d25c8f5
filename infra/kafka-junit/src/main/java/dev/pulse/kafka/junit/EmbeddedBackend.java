package dev.pulse.kafka.junit;

import dev.pulse.kafka.embedded.EmbeddedKafkaBroker;

/** The default backend: the embedded KRaft broker in this JVM, on a temporary directory. */
final class EmbeddedBackend implements KafkaBackend {

    private final EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.builder().start();

    @Override
    public KafkaCluster cluster() {
        return new KafkaCluster(broker.bootstrapServers(), "embedded");
    }

    @Override
    public void close() {
        broker.close();
    }
}
