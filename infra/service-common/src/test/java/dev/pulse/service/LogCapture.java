package dev.pulse.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/**
 * Collects every log event that reaches the root logger of the test JVM's log4j2 configuration (so levels and
 * logger names configured in config/log4j2-test.xml apply, as they do in production) while it is open. Helidon
 * logs through System.Logger, which log4j-jpl bridges into the same configuration.
 */
public final class LogCapture implements AutoCloseable {

    /** Logs "socket closed" at DEBUG once Helidon has finished with a connection, failures and all. */
    private static final String CONNECTION_HANDLER = "io.helidon.webserver.ConnectionHandler";

    private final List<LogEvent> events = new CopyOnWriteArrayList<>();
    private final Collector collector = new Collector(events);
    private final boolean connectionEvents;

    private LogCapture(boolean connectionEvents) {
        this.connectionEvents = connectionEvents;
    }

    /** Starts capturing; close to stop. */
    public static LogCapture open() {
        return open(false);
    }

    /**
     * Starts capturing, and also Helidon's DEBUG events about connections opening and closing (no stack traces), so
     * that a test can wait for the server to finish with a connection; see {@link #closedConnections()}.
     */
    public static LogCapture openWithConnectionEvents() {
        return open(true);
    }

    /** How many connections Helidon has finished handling while capturing. */
    public long closedConnections() {
        return events.stream()
                .filter(event -> event.getLoggerName().equals(CONNECTION_HANDLER))
                .filter(event -> event.getMessage().getFormattedMessage().endsWith("socket closed"))
                .count();
    }

    /** Events at WARN or more severe. */
    public List<LogEvent> warningsOrWorse() {
        return events.stream().filter(event -> event.getLevel().isMoreSpecificThan(Level.WARN)).toList();
    }

    /** Events that carry a stack trace, at any level. */
    public List<LogEvent> withStackTrace() {
        return events.stream().filter(event -> event.getThrown() != null).toList();
    }

    public List<LogEvent> events() {
        return List.copyOf(events);
    }

    /** One line per event, for assertion messages. */
    public static String describe(List<LogEvent> events) {
        StringBuilder text = new StringBuilder();
        for (LogEvent event : events) {
            text.append(event.getLevel()).append(' ').append(event.getLoggerName()).append(": ")
                    .append(event.getMessage().getFormattedMessage());
            if (event.getThrown() != null) {
                text.append(" [").append(event.getThrown()).append(']');
            }
            text.append('\n');
        }
        return text.toString();
    }

    @Override
    public void close() {
        Configuration config = context().getConfiguration();
        config.getRootLogger().removeAppender(collector.getName());
        if (connectionEvents) {
            config.removeLogger(CONNECTION_HANDLER);
        }
        context().updateLoggers();
        collector.stop();
    }

    private static LogCapture open(boolean connectionEvents) {
        LogCapture capture = new LogCapture(connectionEvents);
        capture.collector.start();
        Configuration config = context().getConfiguration();
        config.getRootLogger().addAppender(capture.collector, Level.ALL, null);
        if (connectionEvents) {
            config.addLogger(CONNECTION_HANDLER, new LoggerConfig(CONNECTION_HANDLER, Level.DEBUG, true));
        }
        context().updateLoggers();
        return capture;
    }

    private static LoggerContext context() {
        return (LoggerContext) LogManager.getContext(false);
    }

    private static final class Collector extends AbstractAppender {

        private final List<LogEvent> events;

        private Collector(List<LogEvent> events) {
            super("log-capture-" + System.nanoTime(), null, null, true, Property.EMPTY_ARRAY);
            this.events = events;
        }

        @Override
        public void append(LogEvent event) {
            events.add(event.toImmutable());
        }
    }
}
