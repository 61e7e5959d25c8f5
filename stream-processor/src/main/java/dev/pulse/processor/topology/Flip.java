package dev.pulse.processor.topology;

/** An event that changed whether its member is in the set: {@code present} is the state after it. */
public record Flip<V>(V event, boolean present) {

    /** +1 when the member joined, -1 when it left. */
    public int delta() {
        return present ? 1 : -1;
    }
}
