package dev.pulse.processor;

import dev.pulse.processor.inbox.OpenWrites;
import dev.pulse.processor.topology.PulseTopology;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.HealthCheck;
import dev.pulse.service.KafkaSettings;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs the topology with exactly-once processing. A record that cannot be decoded or processed is
 * written, unchanged and with the reason in headers, to the dead-letter topic, and processing goes
 * on: bad input never stops the pipeline and is never dropped silently ({@link DeadLetters}). Its meters
 * ({@link StreamsMeters}) live exactly as long as the streams instance.
 */
public final class StreamsRunner implements HealthCheck, AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(StreamsRunner.class);
    private static final Duration CLOSE_TIMEOUT = Duration.ofSeconds(30);
    private static final Duration CHECK_TIMEOUT = Duration.ofSeconds(15);

    private final KafkaStreams streams;
    private final ProcessorSettings settings;
    private final HostInfo advertised;
    private final StreamsMeters meters;

    private StreamsRunner(KafkaStreams streams, ProcessorSettings settings, HostInfo advertised,
                          StreamsMeters meters) {
        this.streams = streams;
        this.settings = settings;
        this.advertised = advertised;
        this.meters = meters;
    }

    /** The address this instance advertises to the others for interactive queries. */
    public HostInfo advertised() {
        return advertised;
    }

    /**
     * Creates (does not start) the application; {@code httpPort} is advertised for interactive queries, its
     * meters go to {@code registry}, and its inbox writes and transactions are reported to {@code openWrites}.
     */
    public static StreamsRunner create(KafkaSettings kafka, ProcessorSettings settings, int httpPort,
                                       MeterRegistry registry, OpenWrites openWrites) {
        Topics topics = kafka.topics();
        UserTopicCheck.verify(kafka.clientConfig(), topics, CHECK_TIMEOUT);
        Properties props = new Properties();
        props.putAll(kafka.clientConfig());
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, settings.applicationId());
        props.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.EXACTLY_ONCE_V2);
        props.put(StreamsConfig.STATE_DIR_CONFIG, settings.stateDir().toString());
        props.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, settings.threads());
        settings.failover().applyTo(props);
        props.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, settings.commitInterval().toMillis());
        props.put(StreamsConfig.STATESTORE_CACHE_MAX_BYTES_CONFIG, settings.cacheBytes());
        // Kafka's default (0): records already on the brokers are processed in timestamp order across a
        // task's input partitions, without waiting for producers. A rebuild then interleaves the log as
        // the live run did (an action after the notifications it names); -1 would take whatever was
        // fetched first. Overridable.
        props.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, 0L);
        props.put(StreamsConfig.APPLICATION_SERVER_CONFIG, settings.advertisedHost() + ":" + httpPort);
        new DeadLetters(registry).applyTo(props, topics.deadLetters().name());
        props.putAll(settings.extraProperties());
        KafkaStreams streams = new KafkaStreams(PulseTopology.build(topics, settings.topology(), openWrites), props,
                new CommitReportingClients(openWrites));
        streams.setUncaughtExceptionHandler(e -> {
            LOG.error("A stream thread failed; replacing it", e);
            return org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse
                    .REPLACE_THREAD;
        });
        return new StreamsRunner(streams, settings, new HostInfo(settings.advertisedHost(), httpPort),
                StreamsMeters.bind(streams, registry));
    }

    public void start() {
        streams.start();
        LOG.info("Stream processor '{}' started ({} thread(s), {} standby replica(s), session timeout {} ms, "
                        + "commit every {} ms)", settings.applicationId(), settings.threads(),
                settings.failover().standbyReplicas(), settings.failover().sessionTimeout().toMillis(),
                settings.commitInterval().toMillis());
    }

    public KafkaStreams streams() {
        return streams;
    }

    /** Up while running or rebalancing; down when it failed or stopped. */
    @Override
    public Result check() {
        KafkaStreams.State state = streams.state();
        return switch (state) {
            case RUNNING -> Result.up("running");
            case REBALANCING, CREATED -> Result.up(state.name().toLowerCase(java.util.Locale.ROOT)
                    + ": queries may answer 503 until stores are ready");
            default -> Result.down(state.name().toLowerCase(java.util.Locale.ROOT));
        };
    }

    /** Stops the application, then removes its meters. */
    @Override
    public void close() {
        try {
            if (!streams.close(CLOSE_TIMEOUT)) {
                LOG.warn("Stream processor did not stop within {} s", CLOSE_TIMEOUT.toSeconds());
            }
        } finally {
            meters.close();
        }
    }
}
