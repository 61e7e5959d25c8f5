package dev.pulse.service;

import io.helidon.webserver.http.ServerRequest;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Numeric query parameters, bounded: anything outside the stated range (including values that would
 * overflow) is a 400 problem naming the parameter and its range, never a silently wrapped number.
 */
public final class QueryParams {

    /** The largest integer a JSON client (JavaScript's Number) represents exactly: the ceiling of any seq. */
    public static final long MAX_SAFE_INTEGER = (1L << 53) - 1;

    private QueryParams() {
    }

    /** The whole number {@code name}, or {@code defaultValue} when absent; 400 unless within {@code [min, max]}. */
    public static long whole(ServerRequest req, String name, long defaultValue, long min, long max) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return defaultValue;
        }
        String text = raw.get().strip();
        // At most 19 digits: Long.parseLong then fails instead of overflowing, and the echo stays short.
        if (text.length() <= 20) {
            try {
                long value = Long.parseLong(text);
                if (value >= min && value <= max) {
                    return value;
                }
            } catch (NumberFormatException e) {
                // reported below
            }
        }
        throw ProblemException.badRequest("query parameter '" + name + "' must be a whole number from " + min
                + " to " + max);
    }

    /** As {@link #whole} for parameters that fit an int. */
    public static int integer(ServerRequest req, String name, int defaultValue, int min, int max) {
        return (int) whole(req, name, defaultValue, min, max);
    }

    /** The value of {@code name}, one of {@code allowed}, or {@code defaultValue} when absent; 400 naming the choices. */
    public static String oneOf(ServerRequest req, String name, String defaultValue, List<String> allowed) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return defaultValue;
        }
        if (!allowed.contains(raw.get())) {
            throw ProblemException.badRequest("query parameter '" + name + "' must be one of " + allowed);
        }
        return raw.get();
    }

    /** The comma-separated values of {@code name}, each one of {@code allowed}; empty when absent. */
    public static Set<String> someOf(ServerRequest req, String name, List<String> allowed) {
        Optional<String> raw = req.query().first(name).asOptional();
        if (raw.isEmpty()) {
            return Set.of();
        }
        Set<String> values = new LinkedHashSet<>(List.of(raw.get().split(",", -1)));
        if (!allowed.containsAll(values)) {
            throw ProblemException.badRequest("query parameter '" + name + "' must be a comma-separated list of "
                    + allowed);
        }
        return values;
    }
}
