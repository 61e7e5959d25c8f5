package dev.pulse.processor.query;

import java.util.List;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Where the stores' keys live (the MetadataService of the Kafka Streams interactive-query examples):
 * the query routes ask it which instance owns a key, then read here or forward. An interface so the
 * routes' rules can be tested without a broker; {@link StreamsStoreMetadata} is the real one. Each
 * method fails with a 503 {@code not-ready} problem rather than guess while partitions move.
 */
interface StoreMetadata {

    /** The address this instance advertises to the others. */
    HostInfo self();

    /** Where {@code key} of {@code store} lives. */
    Placement placement(String store, String key);

    /** How far this instance's copy of a partition is behind the active one, in records; 0 for active. */
    long lag(String store, int partition);

    /** Instances holding active partitions of {@code store}. */
    List<HostInfo> hostsOf(String store);
}
