package dev.pulse.service;

import io.helidon.webserver.WebServer;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started service: its HTTP server and whatever it must release on stop, in reverse order. */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final String name;
    private final WebServer server;
    private final List<AutoCloseable> resources;

    public RunningService(String name, WebServer server, List<AutoCloseable> resources) {
        this.name = name;
        this.server = server;
        this.resources = new ArrayList<>(resources);
    }

    public String name() {
        return name;
    }

    /** The port the HTTP server listens on (the actual one when configured as 0). */
    public int port() {
        return server.port();
    }

    public boolean isRunning() {
        return server.isRunning();
    }

    /** Stops the server first, so no request sees a released resource, then the resources. */
    @Override
    public void close() {
        server.stop();
        for (int i = resources.size() - 1; i >= 0; i--) {
            try {
                resources.get(i).close();
            } catch (Exception e) {
                LOG.warn("{}: could not release {}", name, resources.get(i), e);
            }
        }
        LOG.info("{} stopped", name);
    }
}
