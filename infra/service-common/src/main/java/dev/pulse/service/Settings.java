package dev.pulse.service;

import io.helidon.config.Config;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Reads a service's settings and collects every problem instead of stopping at the first, so a
 * misconfigured service names them all at once ({@link #requireValid}). Defaults live in one place, the
 * service's YAML: a key that has no value there is a problem too, never a silent default in code.
 */
public final class Settings {

    private final Config config;
    private final List<String> problems = new ArrayList<>();

    public Settings(Config config) {
        this.config = config;
    }

    /** A required text value. */
    public String text(String key) {
        Optional<String> value = config.get(key).asString().asOptional();
        if (value.isEmpty()) {
            problems.add(key + ": no value (and no default)");
            return "";
        }
        return value.get().strip();
    }

    /** A value that may be absent or blank, which both mean "not set". */
    public Optional<String> optionalText(String key) {
        return config.get(key).asString().asOptional().map(String::strip).filter(s -> !s.isEmpty());
    }

    /** A whole number within {@code [min, max]}. */
    public long whole(String key, long min, long max) {
        String raw = text(key);
        try {
            long value = Long.parseLong(raw);
            if (value >= min && value <= max) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": must be a whole number from " + min + " to " + max + ", was '" + raw + "'");
        return min;
    }

    /** A whole number within {@code [min, max]} that fits an int. */
    public int integer(String key, int min, int max) {
        return (int) whole(key, min, max);
    }

    /** A finite decimal number of at least {@code min}. */
    public double decimal(String key, double min) {
        String raw = text(key);
        try {
            double value = Double.parseDouble(raw);
            if (Double.isFinite(value) && value >= min) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(key + ": must be a number >= " + min + ", was '" + raw + "'");
        return min;
    }

    /** A duration given in whole seconds (the key says so, e.g. {@code ...timeout.seconds}). */
    public Duration seconds(String key, long min, long max) {
        return Duration.ofSeconds(whole(key, min, max));
    }

    /** A comma- or space-separated list; empty when blank. */
    public List<String> list(String key) {
        String raw = config.get(key).asString().orElse("");
        return Arrays.stream(raw.split("[,\\s]+")).filter(s -> !s.isEmpty()).toList();
    }

    /** Every key under {@code prefix} as a flat map (e.g. extra Kafka client properties). */
    public Map<String, String> properties(String prefix) {
        return new LinkedHashMap<>(config.get(prefix).detach().asMap().orElse(Map.of()));
    }

    /** Records a problem found by a check the reader cannot express. */
    public void problem(String problem) {
        problems.add(problem);
    }

    public List<String> problems() {
        return List.copyOf(problems);
    }

    /** Throws {@link InvalidConfigException} listing every problem found so far, if any. */
    public void requireValid(String serviceName) {
        if (!problems.isEmpty()) {
            throw new InvalidConfigException(serviceName, problems);
        }
    }
}
