package dev.pulse.service;

/** One thing a service needs to work, checked on each {@code /health} call. */
@FunctionalInterface
public interface HealthCheck {

    /** The current state; must return quickly and never throw. */
    Result check();

    /** Up or down, with a short human-readable detail. */
    record Result(boolean up, String detail) {

        public static Result up(String detail) {
            return new Result(true, detail);
        }

        public static Result down(String detail) {
            return new Result(false, detail);
        }
    }
}
