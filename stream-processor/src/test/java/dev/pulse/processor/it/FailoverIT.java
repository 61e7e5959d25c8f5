package dev.pulse.processor.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * When an instance is killed (SIGKILL: it neither leaves the group nor commits), the users whose
 * tasks it ran get notifications again within a bound, with the service's default settings. The
 * bound is generous for a loaded CI machine; the figure it logs is the one docs/BENCHMARKS.md
 * records, and {@code scripts/bench-failover.sh} compares the settings behind it.
 */
@WithKafka
class FailoverIT {

    private static final Logger LOG = LoggerFactory.getLogger(FailoverIT.class);
    private static final Duration BOUND = Duration.ofSeconds(25);
    private static final Duration STARTUP = Duration.ofSeconds(40);
    private static final String VICTIM = "victim";
    private static final String SURVIVOR = "survivor";

    @Test
    void shouldResumeTheKilledInstancesNotificationsWithinTheBound(KafkaCluster kafka, TestNamespace namespace,
                                                                  Topics topics, @TempDir Path dir) throws Exception {
        String application = namespace.name("failover");
        ProcessorInstances instances = new ProcessorInstances(kafka, topics, application);
        Process victim = instances.with("streams.properties.client.id", VICTIM)
                .startChild(dir.resolve("victim"), dir.resolve("victim.log"));
        try (RunningService survivor = instances.with("streams.properties.client.id", SURVIVOR)
                .startHere(dir.resolve("survivor"));
             EventPublisher publisher = new EventPublisher(new HashMap<>(kafka.clientConfig()), topics);
             Admin admin = Admin.create(kafka.clientConfig());
             FailoverProbe probe = new FailoverProbe(kafka.bootstrapServers(), topics, publisher)) {
            probe.startFlow(STARTUP);
            Set<Integer> owned = new TaskOwners(admin, application, false)
                    .awaitSettledShare(VICTIM, SURVIVOR, topics.likes(), STARTUP);
            OpenTransactions.awaitOneWriting(admin, topics.inbox(), owned, STARTUP);

            FailoverProbe.Stall stall = probe.kill(victim, owned, Duration.ofSeconds(60));

            LOG.info("Failover with the default settings: {}", stall);
            assertThat(stall.worstStall()).as(stall.toString()).isLessThanOrEqualTo(BOUND);
            assertThat(survivor.isRunning()).isTrue();
        } finally {
            victim.destroyForcibly();
        }
    }
}
