package dev.pulse.processor.query;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.LagInfo;
import org.apache.kafka.streams.state.HostInfo;

/** {@link StoreMetadata} from the running application's {@code queryMetadataForKey} and store lags. */
final class StreamsStoreMetadata implements StoreMetadata {

    private final RunningStreams streams;
    private final Supplier<HostInfo> self;

    /** @param self the address this instance advertises to the others ({@code application.server}) */
    StreamsStoreMetadata(RunningStreams streams, Supplier<HostInfo> self) {
        this.streams = streams;
        this.self = self;
    }

    @Override
    public HostInfo self() {
        return self.get();
    }

    @Override
    public Placement placement(String store, String key) {
        KeyQueryMetadata metadata = streams.get().queryMetadataForKey(store, key, Serdes.String().serializer());
        if (metadata == null || metadata.equals(KeyQueryMetadata.NOT_AVAILABLE)) {
            throw NotReady.because("no instance owns " + store + " key '" + key + "' right now");
        }
        HostInfo here = self.get();
        return new Placement(metadata.partition(), metadata.activeHost(), here.equals(metadata.activeHost()),
                metadata.standbyHosts().contains(here));
    }

    @Override
    public long lag(String store, int partition) {
        Map<String, Map<Integer, LagInfo>> lags = streams.get().allLocalStorePartitionLags();
        LagInfo lag = lags.getOrDefault(store, Map.of()).get(partition);
        return lag == null ? 0 : lag.offsetLag();
    }

    @Override
    public List<HostInfo> hostsOf(String store) {
        return streams.get().streamsMetadataForStore(store).stream().map(m -> m.hostInfo()).distinct().toList();
    }
}
