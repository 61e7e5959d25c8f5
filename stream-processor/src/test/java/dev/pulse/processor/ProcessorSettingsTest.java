package dev.pulse.processor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.pulse.service.ServiceConfig;
import dev.pulse.service.Settings;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;

class ProcessorSettingsTest {

    private static ProcessorSettings read(Map<String, String> values, List<String> problems) {
        Settings settings = new Settings(ServiceConfig.layered(StreamProcessorService.NAME,
                Config.just(ConfigSources.create(values))));
        ProcessorSettings read = ProcessorSettings.read(settings);
        problems.addAll(settings.problems());
        return read;
    }

    @Test
    void shouldUseTheDocumentedDefaults() {
        ProcessorSettings settings = read(Map.of(), new ArrayList<>());

        assertThat(settings.applicationId()).isEqualTo("pulse-processor");
        assertThat(settings.commitInterval()).isEqualTo(Duration.ofMillis(100));
        assertThat(settings.topology().inbox().size()).isEqualTo(200);
        assertThat(settings.topology().dedupRetention()).isEqualTo(Duration.ofDays(7));
        assertThat(settings.topology().trending().k()).isEqualTo(10);
        assertThat(settings.failover()).isEqualTo(new FailoverSettings(Duration.ofSeconds(8), Duration.ofSeconds(2),
                Duration.ofSeconds(5), 1));
    }

    @Test
    void shouldPrefixTheDefaultApplicationIdWithTheTopicPrefix() {
        ProcessorSettings settings = read(Map.of("kafka.topic.prefix", "staging."), new ArrayList<>());

        assertThat(settings.applicationId()).isEqualTo("staging.pulse-processor");
    }

    @Test
    void shouldReportEveryInvalidNumber() {
        List<String> problems = new ArrayList<>();

        read(Map.of("processor.inbox.size", "0", "streams.threads", "many",
                "processor.trending.weights.comments", "-2"), problems);

        assertThat(problems).containsExactlyInAnyOrder(
                "streams.threads: must be a whole number from 1 to 64, was 'many'",
                "processor.inbox.size: must be a whole number from 1 to 10000, was '0'",
                "processor.trending.weights.comments: must be a number >= 0.0, was '-2'");
    }

    @Test
    void shouldPassExtraStreamsPropertiesThrough() {
        ProcessorSettings settings = read(Map.of("streams.properties.max.task.idle.ms", "0"), new ArrayList<>());

        assertThat(settings.extraProperties()).containsEntry("max.task.idle.ms", "0");
    }

    @Test
    void shouldApplyTheSessionTimeoutToTheMainConsumerAndTheTransactionTimeoutToTheProducers() {
        Properties props = new Properties();

        read(Map.of("streams.session.timeout.ms", "6000", "streams.heartbeat.interval.ms", "1500"), new ArrayList<>())
                .failover().applyTo(props);

        assertThat(props).containsEntry("main.consumer.session.timeout.ms", 6000)
                .containsEntry("main.consumer.heartbeat.interval.ms", 1500)
                .containsEntry("producer.transaction.timeout.ms", 5000).containsEntry("num.standby.replicas", 1);
    }

    @Test
    void shouldRefuseATransactionTimeoutThatIsNotAboveTheCommitInterval() {
        List<String> problems = new ArrayList<>();

        read(Map.of("streams.commit.interval.ms", "2000", "streams.transaction.timeout.ms", "2000"), problems);

        assertThat(problems).singleElement().asString().startsWith("streams.transaction.timeout.ms: must be above");
    }

    @Test
    void shouldRefuseAHeartbeatThatIsNotBelowTheSessionTimeout() {
        List<String> problems = new ArrayList<>();

        read(Map.of("streams.session.timeout.ms", "6000", "streams.heartbeat.interval.ms", "6000"), problems);

        assertThat(problems).singleElement().asString().startsWith("streams.heartbeat.interval.ms: must be below");
    }

    @Test
    void shouldRefuseKafkaPropertiesThatWouldShadowTheFailoverSettings() {
        List<String> problems = new ArrayList<>();

        read(Map.of("streams.properties.session.timeout.ms", "6000",
                "streams.properties.main.consumer.heartbeat.interval.ms", "1000",
                "streams.properties.num.standby.replicas", "2",
                "streams.properties.producer.transaction.timeout.ms", "60000"), problems);

        assertThat(problems).containsExactlyInAnyOrder(
                "streams.properties.session.timeout.ms: set streams.session.timeout.ms instead",
                "streams.properties.main.consumer.heartbeat.interval.ms: set streams.heartbeat.interval.ms instead",
                "streams.properties.num.standby.replicas: set streams.standby.replicas instead",
                "streams.properties.producer.transaction.timeout.ms: set streams.transaction.timeout.ms instead");
    }
}
