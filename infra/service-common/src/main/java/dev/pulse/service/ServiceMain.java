package dev.pulse.service;

import io.helidon.config.Config;
import java.util.concurrent.CountDownLatch;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every service's {@code main} does: load the standalone configuration, start, and stop cleanly on
 * SIGTERM/Ctrl-C. An invalid configuration ends the process with status 2 and the list of problems;
 * any other start failure (a port in use, an unreadable key file) with status 1 and one line saying why.
 */
public final class ServiceMain {

    public static final int EXIT_INVALID_CONFIG = 2;
    public static final int EXIT_START_FAILED = 1;

    private static final Logger LOG = LoggerFactory.getLogger(ServiceMain.class);

    private ServiceMain() {
    }

    public static void run(String serviceName, Function<Config, RunningService> start) {
        RunningService service;
        try {
            service = start.apply(ServiceConfig.standalone(serviceName));
        } catch (InvalidConfigException e) {
            LOG.error(e.getMessage());
            System.exit(EXIT_INVALID_CONFIG);
            return;
        } catch (RuntimeException e) {
            LOG.error("{} cannot start: {}", serviceName, StartFailure.describe(e));
            LOG.debug("{} start failure", serviceName, e);
            System.exit(EXIT_START_FAILED);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            service.close();
            stopped.countDown();
        }, serviceName + "-shutdown"));
        try {
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
