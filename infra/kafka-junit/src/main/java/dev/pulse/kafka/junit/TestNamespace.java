package dev.pulse.kafka.junit;

/**
 * A name prefix unique to one test, for everything the test creates on the shared cluster
 * (topics, application ids, consumer groups), so tests never see each other's data.
 * Topics whose names start with it are deleted after the test.
 */
public record TestNamespace(String prefix) {

    /** {@code prefix + name}. */
    public String name(String name) {
        return prefix + name;
    }
}
