package dev.pulse.service;

import java.util.List;

/** A service's configuration cannot work; the message lists every problem, one per line. */
public final class InvalidConfigException extends RuntimeException {

    private final List<String> problems;

    public InvalidConfigException(String serviceName, List<String> problems) {
        super(serviceName + " configuration is invalid:\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
