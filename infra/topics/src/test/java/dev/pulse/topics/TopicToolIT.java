package dev.pulse.topics;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.kafka.Topic;
import dev.pulse.schemas.kafka.Topics;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

@WithKafka
class TopicToolIT {

    private Admin admin;
    private Topics topics;
    private TopicTool tool;

    @BeforeEach
    void setUp(KafkaCluster kafka, TestNamespace namespace) {
        admin = Admin.create(kafka.clientConfig());
        topics = Topics.withPrefix(namespace.prefix());
        tool = new TopicTool(admin);
    }

    @AfterEach
    void tearDown() {
        admin.close();
    }

    @Test
    void shouldCreateEveryTopicOfTheCatalogue() throws Exception {
        TopicReport report = tool.apply(topics.all(), (short) 0, false);

        assertThat(report.created()).containsExactlyElementsOf(topics.all().stream().map(Topic::name).toList());
        Map<String, TopicDescription> described = admin.describeTopics(report.created()).allTopicNames().get();
        assertThat(topics.all()).allSatisfy(t -> assertThat(described.get(t.name()).partitions()).hasSize(t.partitions()));
    }

    @Test
    void shouldReportNoChangesOnASecondRun() throws Exception {
        tool.apply(topics.all(), (short) 0, false);

        TopicReport second = tool.apply(topics.all(), (short) 0, false);

        assertThat(second.noChanges()).isTrue();
        assertThat(second.lines()).last().asString().startsWith("No changes: all 12 topics match the catalogue.");
    }

    @Test
    void shouldReportAndKeepATopicWithOtherPartitions() throws Exception {
        String likes = topics.likes().name();
        admin.createTopics(List.of(new NewTopic(likes, 2, (short) 1).configs(topics.likes().configs()))).all().get();

        TopicReport report = tool.apply(topics.all(), (short) 0, false);

        assertThat(report.drifts()).containsExactly(new TopicDrift(likes, "partitions", "6", "2"));
        assertThat(report.lines()).contains("DRIFT        " + likes + ": partitions is 2 on the cluster, 6 in the catalogue");
        assertThat(admin.describeTopics(List.of(likes)).allTopicNames().get().get(likes).partitions()).hasSize(2);
    }

    @Test
    void shouldReportATopicWithAnotherCleanupPolicy() throws Exception {
        String counts = topics.postCounts().name();
        admin.createTopics(List.of(new NewTopic(counts, 6, (short) 1)
                .configs(Map.of("cleanup.policy", "delete")))).all().get();

        TopicReport report = tool.apply(topics.all(), (short) 0, false);

        assertThat(report.drifts()).containsExactly(new TopicDrift(counts, "cleanup.policy", "compact", "delete"));
    }

    @Test
    void shouldCreateNothingInADryRun() throws Exception {
        TopicReport report = tool.apply(topics.all(), (short) 0, true);

        assertThat(report.created()).hasSize(topics.all().size());
        assertThat(admin.listTopics().names().get()).noneMatch(name -> name.startsWith(topics.prefix()));
    }

    @Test
    void shouldExitWithDriftStatusFromTheCommandLine(KafkaCluster kafka) throws Exception {
        admin.createTopics(List.of(new NewTopic(topics.trending().name(), 3, (short) 1))).all().get();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String[] args = {"--bootstrap-servers", kafka.bootstrapServers(), "--prefix", topics.prefix()};

        int exit = TopicTool.run(args, new PrintStream(out, true, StandardCharsets.UTF_8), System.err);

        assertThat(exit).isEqualTo(TopicTool.EXIT_DRIFT);
        assertThat(out.toString(StandardCharsets.UTF_8))
                .contains(topics.trending().name() + ": partitions is 3 on the cluster, 1 in the catalogue")
                .contains("Created 11 topic(s)");
    }

    @Test
    void shouldExplainAnUnreachableCluster() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        String[] args = {"--bootstrap-servers", "127.0.0.1:1", "--command-config", "/nonexistent.properties"};

        int exit = TopicTool.run(args, System.out, new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(TopicTool.EXIT_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot read /nonexistent.properties");
    }
}
