package dev.pulse.service;

import io.helidon.webserver.WebServer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A started service: its HTTP server and whatever it must release on stop, in reverse order. */
public final class RunningService implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(RunningService.class);

    private final String name;
    private final WebServer server;
    private final List<AutoCloseable> resources;
    private final List<Runnable> beforeStop = new CopyOnWriteArrayList<>();

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

    /**
     * Runs {@code step} when the service is asked to stop, before its server stops: what must still reach
     * connected clients (a WebSocket node's drain), bounded by the step itself.
     */
    public void beforeStop(Runnable step) {
        beforeStop.add(step);
    }

    /**
     * Runs the before-stop steps, then stops the server, so no request sees a released resource, then
     * releases the resources.
     */
    @Override
    public void close() {
        for (Runnable step : beforeStop) {
            try {
                step.run();
            } catch (RuntimeException e) {
                LOG.warn("{}: a step before stopping failed", name, e);
            }
        }
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
