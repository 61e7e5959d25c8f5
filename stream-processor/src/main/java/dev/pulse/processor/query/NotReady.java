package dev.pulse.processor.query;

import dev.pulse.service.ProblemException;
import java.time.Duration;

/** The answer cannot be given correctly right now (rebalancing, restoring, owner unreachable): 503, retry shortly. */
final class NotReady {

    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private NotReady() {
    }

    static ProblemException because(String reason) {
        return ProblemException.unavailable("not-ready", reason + "; retry shortly", RETRY_AFTER);
    }

    static ProblemException because(String reason, Throwable cause) {
        return because(reason).causedBy(cause);
    }
}
