package dev.pulse.system;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;

/**
 * One real stream processor for all the tests of a class (starting one takes seconds), on the class's
 * own topics; each test starts the edge nodes it needs against it and uses users of its own.
 */
@WithKafka
abstract class OneProcessorPerClass {

    static KafkaCluster kafka;
    static Topics topics;
    static Pipeline pipeline;
    static RunningService processor;

    @BeforeAll
    static void startProcessor(KafkaCluster cluster, Topics classTopics, TestNamespace namespace,
                               @TempDir Path stateDir) {
        kafka = cluster;
        topics = classTopics;
        pipeline = new Pipeline(cluster, classTopics);
        processor = pipeline.processor(stateDir, namespace.name("processor"),
                Map.of("processor.trending.refresh.seconds", "1"));
    }

    @AfterAll
    static void stopProcessor() {
        processor.close();
    }
}
