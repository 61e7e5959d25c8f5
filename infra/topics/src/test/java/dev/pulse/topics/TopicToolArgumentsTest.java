package dev.pulse.topics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class TopicToolArgumentsTest {

    @Test
    void shouldParseEveryOption() {
        TopicToolArguments args = TopicToolArguments.parse(new String[] {"--bootstrap-servers", "k:9092",
                "--prefix", "staging.", "--replication-factor", "3", "--dry-run"});

        assertThat(args.bootstrapServers()).isEqualTo("k:9092");
        assertThat(args.prefix()).isEqualTo("staging.");
        assertThat(args.replicationFactor()).isEqualTo((short) 3);
        assertThat(args.dryRun()).isTrue();
    }

    @Test
    void shouldRequireBootstrapServers() {
        assertThatThrownBy(() -> TopicToolArguments.parse(new String[] {"--dry-run"}))
                .hasMessage("--bootstrap-servers is required");
    }

    @Test
    void shouldRejectAnOptionWithoutValue() {
        assertThatThrownBy(() -> TopicToolArguments.parse(new String[] {"--bootstrap-servers", "--dry-run"}))
                .hasMessage("--bootstrap-servers needs a value");
    }

    @Test
    void shouldRejectAPrefixKafkaCannotName() {
        assertThatThrownBy(() -> TopicToolArguments.parse(new String[] {"--bootstrap-servers", "k:1", "--prefix", "a b"}))
                .hasMessageStartingWith("--prefix: Illegal topic prefix");
    }

    @Test
    void shouldPrintUsageAndFailOnUnknownArguments() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int exit = TopicTool.run(new String[] {"--bogus"}, new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(TopicTool.EXIT_ERROR);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("unknown argument '--bogus'").contains("usage:");
    }
}
