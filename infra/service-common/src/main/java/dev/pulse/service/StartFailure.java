package dev.pulse.service;

import java.net.BindException;
import java.util.LinkedHashSet;
import java.util.Set;

/** Turns a start failure into one line an operator can act on, from the messages of its cause chain. */
public final class StartFailure {

    private StartFailure() {
    }

    public static String describe(Throwable failure) {
        Set<String> parts = new LinkedHashSet<>();
        for (Throwable t = failure; t != null && parts.size() < 4; t = t.getCause()) {
            if (t instanceof BindException) {
                parts.add("the port is in use or cannot be bound (" + t.getMessage() + ")");
            } else if (t.getMessage() != null && !t.getMessage().isBlank()
                    && (t.getCause() == null || !t.getMessage().equals(t.getCause().toString()))) {
                String line = t.getMessage().lines().findFirst().orElse("").strip();
                if (parts.stream().noneMatch(part -> part.contains(line))) {
                    parts.add(line);
                }
            }
        }
        return parts.isEmpty() ? failure.getClass().getSimpleName() : String.join(": ", parts);
    }
}
