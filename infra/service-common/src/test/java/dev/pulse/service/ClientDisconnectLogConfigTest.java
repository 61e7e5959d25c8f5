package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.ConfigurationSource;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.xml.XmlConfiguration;
import org.apache.logging.log4j.core.impl.Log4jLogEvent;
import org.apache.logging.log4j.message.SimpleMessage;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The runtime and the test logging configurations drop the same Helidon warning, and only that one. */
class ClientDisconnectLogConfigTest {

    private static final String ERROR_HANDLERS = "io.helidon.webserver.http.ErrorHandlers";

    @ParameterizedTest
    @ValueSource(strings = {"../../config/log4j2-test.xml", "../launcher/src/main/resources/log4j2.xml"})
    void shouldDropOnlyTheWarningAboutAnAnswerCutShortByItsClient(String file) {
        XmlConfiguration config = new XmlConfiguration(new LoggerContext(file), source(Path.of(file)));
        config.initialize();
        try {
            LoggerConfig logger = config.getLoggerConfig(ERROR_HANDLERS);

            assertThat(logger.isFiltered(warning("[0x1 0x2] Unable to reset response for error handler, at least part"
                    + " of entity already written. Error handler cannot be invoked."))).isTrue();
            assertThat(logger.isFiltered(warning("[0x1 0x2] Request failed: GET /x, cannot send error response,"
                    + " as response already sent"))).isFalse();
            assertThat(logger.getLevel()).isEqualTo(Level.WARN);
        } finally {
            config.stop();
        }
    }

    private static ConfigurationSource source(Path file) {
        try {
            return new ConfigurationSource(Files.newInputStream(file), file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static LogEvent warning(String message) {
        return Log4jLogEvent.newBuilder()
                .setLoggerName(ERROR_HANDLERS)
                .setLevel(Level.WARN)
                .setMessage(new SimpleMessage(message))
                .build();
    }
}
