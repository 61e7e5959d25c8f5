package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topics;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewPartitions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A cluster where one user-keyed topic gained partitions would split users across tasks; the processor refuses it. */
@WithKafka
class UserTopicsIT {

    @Test
    void shouldRefuseToStartWhenTopicsKeyedByUserDisagreeOnPartitions(KafkaCluster kafka, TestNamespace namespace,
                                                                     Topics topics, @TempDir Path dir) throws Exception {
        try (Admin admin = Admin.create(kafka.clientConfig())) {
            admin.createPartitions(Map.of(topics.follows().name(), NewPartitions.increaseTo(8))).all().get();
        }

        assertThatThrownBy(() -> new ProcessorInstances(kafka, topics, namespace.name("uneven")).startHere(dir))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(topics.follows().name() + " 8")
                .hasMessageContaining(topics.likes().name() + " 6");
    }
}
