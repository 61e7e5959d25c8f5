package dev.pulse.rebuild;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class RebuildArgumentsTest {

    @Test
    void shouldParseEveryOption() {
        RebuildArguments args = RebuildArguments.parse(new String[] {"--bootstrap-servers", "k:9092",
                "--application-id", "app", "--topic-prefix", "staging.", "--command-config", "client.properties",
                "--state-dir", "/var/lib/pulse", "--dry-run"});

        assertThat(args.bootstrapServers()).isEqualTo("k:9092");
        assertThat(args.applicationId()).isEqualTo("app");
        assertThat(args.topicPrefix()).isEqualTo("staging.");
        assertThat(args.commandConfig()).isEqualTo(Path.of("client.properties"));
        assertThat(args.stateDir()).isEqualTo(Path.of("/var/lib/pulse"));
        assertThat(args.dryRun()).isTrue();
    }

    @Test
    void shouldDefaultToTheApplicationIdTheProcessorDerivesFromThePrefix() {
        RebuildArguments args = RebuildArguments.parse(new String[] {"--bootstrap-servers", "k:1",
                "--topic-prefix", "staging."});

        assertThat(args.applicationId()).isEqualTo("staging.pulse-processor");
        assertThat(args.stateDir()).isNull();
        assertThat(args.dryRun()).isFalse();
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> RebuildArguments.parse(new String[] {"--dry-run"}))
                .hasMessage("--bootstrap-servers is required");
    }

    @Test
    void shouldRejectAnApplicationIdThatWouldNameAFolderOutsideTheStateDir() {
        assertThatThrownBy(() -> RebuildArguments.parse(new String[] {"--bootstrap-servers", "k:1",
                "--application-id", ".."}))
                .hasMessageStartingWith("--application-id must be letters, digits");
    }

    @Test
    void shouldRejectAPrefixKafkaCannotName() {
        assertThatThrownBy(() -> RebuildArguments.parse(new String[] {"--bootstrap-servers", "k:1",
                "--topic-prefix", "a b"}))
                .hasMessageStartingWith("--topic-prefix: Illegal topic prefix");
    }

    @Test
    void shouldPrintUsageAndFailOnUnknownArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = RebuildProcessor.run(new String[] {"--force"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(RebuildProcessor.EXIT_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--force'").contains("usage:");
    }
}
