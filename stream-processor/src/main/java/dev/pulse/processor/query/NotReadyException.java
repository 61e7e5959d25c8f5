package dev.pulse.processor.query;

/** The answer cannot be given correctly right now (rebalancing, restoring, owner unreachable): retry. */
public final class NotReadyException extends RuntimeException {

    public NotReadyException(String reason) {
        super(reason);
    }

    public NotReadyException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
