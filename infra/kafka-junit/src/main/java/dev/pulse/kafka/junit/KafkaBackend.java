package dev.pulse.kafka.junit;

/** Something that runs a Kafka cluster for the tests of one JVM. */
interface KafkaBackend extends AutoCloseable {

    KafkaCluster cluster();

    @Override
    void close();
}
