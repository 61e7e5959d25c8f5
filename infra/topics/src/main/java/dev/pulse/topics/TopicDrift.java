package dev.pulse.topics;

/** One way an existing topic differs from its catalogue declaration. */
public record TopicDrift(String topic, String setting, String expected, String actual) {

    @Override
    public String toString() {
        return topic + ": " + setting + " is " + actual + " on the cluster, " + expected + " in the catalogue";
    }
}
