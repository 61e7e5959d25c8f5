package dev.pulse.processor.query;

import org.apache.kafka.streams.state.HostInfo;

/**
 * Where one key of one store lives: the partition, the instance with the active copy, and whether
 * this instance holds it actively or as a standby replica.
 */
record Placement(int partition, HostInfo active, boolean activeHere, boolean standbyHere) {
}
