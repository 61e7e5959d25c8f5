package dev.pulse.service;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.buffers.DataReader;
import io.helidon.http.HttpPrologue;
import io.helidon.http.WritableHeaders;
import io.helidon.webserver.CloseConnectionException;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.ProtocolConfigs;
import io.helidon.webserver.http1.spi.Http1UpgradeProvider;
import io.helidon.webserver.http1.spi.Http1Upgrader;
import io.helidon.webserver.spi.ProtocolConfig;
import io.helidon.webserver.spi.ServerConnection;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

/**
 * A stand-in for WebSocket in tests (helidon-webserver-websocket is not a dependency of this module): requests with
 * {@code Upgrade: echo} switch the connection to a protocol that echoes every byte, through the same HTTP/1 upgrade
 * path, socket and reader as a WebSocket. Active only on listeners that add {@link #CONFIG} to their protocols.
 */
public final class EchoUpgradeProvider implements Http1UpgradeProvider<EchoUpgradeProvider.EchoConfig> {

    public static final String PROTOCOL = "echo";
    public static final EchoConfig CONFIG = new EchoConfig();
    public static final String UPGRADE_REQUEST = "GET /echo-upgrade HTTP/1.1\r\nHost: localhost\r\n"
            + "Connection: Upgrade\r\nUpgrade: " + PROTOCOL + "\r\n\r\n";

    @Override
    public String protocolType() {
        return PROTOCOL;
    }

    @Override
    public Class<EchoConfig> protocolConfigType() {
        return EchoConfig.class;
    }

    @Override
    public Http1Upgrader create(EchoConfig config, ProtocolConfigs configs) {
        return new Http1Upgrader() {
            @Override
            public String supportedProtocol() {
                return PROTOCOL;
            }

            @Override
            public ServerConnection upgrade(ConnectionContext ctx, HttpPrologue prologue, WritableHeaders<?> headers) {
                ctx.dataWriter().writeNow(BufferData.create(("HTTP/1.1 101 Switching Protocols\r\nUpgrade: " + PROTOCOL
                        + "\r\nConnection: Upgrade\r\n\r\n").getBytes(StandardCharsets.US_ASCII)));
                return new EchoConnection(ctx);
            }
        };
    }

    /** Marks a listener that accepts the echo upgrade. */
    public static final class EchoConfig implements ProtocolConfig {

        @Override
        public String name() {
            return PROTOCOL;
        }

        @Override
        public String type() {
            return PROTOCOL;
        }
    }

    private static final class EchoConnection implements ServerConnection {

        private final ConnectionContext ctx;
        private volatile Instant lastRead = Instant.now();

        private EchoConnection(ConnectionContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void handle(io.helidon.common.concurrency.limits.Limit limit) {
            DataReader reader = ctx.dataReader();
            while (true) {
                try {
                    reader.ensureAvailable();
                } catch (DataReader.InsufficientDataAvailableException e) {
                    throw new CloseConnectionException("Echo client left", e);
                }
                lastRead = Instant.now();
                ctx.dataWriter().writeNow(reader.readBuffer(reader.available()));
            }
        }

        @Override
        public Duration idleTime() {
            return Duration.between(lastRead, Instant.now());
        }

        @Override
        public void close(boolean interrupt) {
            ctx.serverSocket().close();
        }
    }
}
