package dev.pulse.edge;

import dev.pulse.service.Settings;
import java.net.URI;
import java.time.Duration;

/**
 * The edge's own settings, read from {@code processor.*} and {@code edge.*} and validated at start.
 *
 * @param processorUrl       any stream-processor instance's query API (it routes to the owner)
 * @param queryTimeout       the longest a resume waits on the query API before closing with 1013
 * @param heartbeat          server ping interval; a socket silent for two intervals is closed
 * @param queueFrames        most frames waiting for one socket before it is closed as a slow consumer
 * @param queueBytes         most bytes waiting for one socket, likewise
 * @param maxFrameBytes      largest client frame (1009 above it)
 * @param connectionsPerUser most open connections of one user on one node
 * @param frameRate          the frames a connection may send
 * @param drainDeadline      how long a stopping node takes to close its connections, spread over it
 * @param subscriptionsPerConnection most posts (and, apart, users) one connection may watch
 * @param queriesInFlight    most queries this node has at the query API at once; more wait their turn
 */
record EdgeSettings(URI processorUrl, Duration queryTimeout, Duration heartbeat, int queueFrames, long queueBytes,
                    int maxFrameBytes, int connectionsPerUser, FrameRate frameRate, Duration drainDeadline,
                    int subscriptionsPerConnection, int queriesInFlight) {

    static EdgeSettings read(Settings settings) {
        URI processor = processorUrl(settings);
        return new EdgeSettings(processor,
                Duration.ofMillis(settings.whole("processor.timeout.ms", 100, 120_000)),
                Duration.ofSeconds(settings.whole("edge.heartbeat.seconds", 1, 3_600)),
                settings.integer("edge.queue.frames", 1, 1_000_000),
                settings.whole("edge.queue.bytes", 1_024, 1L << 30),
                settings.integer("edge.frame.max.bytes", 1_024, 16 << 20),
                settings.integer("edge.user.connections.max", 1, 10_000),
                new FrameRate(settings.integer("edge.rate.per.second", 1, 100_000),
                        settings.integer("edge.rate.burst", 1, 1_000_000)),
                Duration.ofSeconds(settings.whole("edge.drain.seconds", 0, 3_600)),
                settings.integer("edge.subscriptions.max", 1, 100_000),
                settings.integer("processor.concurrency", 1, 10_000));
    }

    private static URI processorUrl(Settings settings) {
        String raw = settings.text("processor.url");
        try {
            URI uri = URI.create(raw.endsWith("/") ? raw.substring(0, raw.length() - 1) : raw);
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        settings.problem("processor.url: must be an http(s) URL of the stream-processor, was '" + raw + "'");
        return URI.create("http://localhost");
    }
}
