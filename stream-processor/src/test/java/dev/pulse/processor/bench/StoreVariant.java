package dev.pulse.processor.bench;

import dev.pulse.processor.ProcessorSettings;
import dev.pulse.processor.topology.TopologySettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Where the whole-topology run keeps the inbox stores: all in RocksDB (the service's default), or some
 * in memory (still changelogged, so restored after a restart). Several variants run in turn in one bench
 * run, so they are compared on the same machine load and the same events.
 *
 * @param name         as given on the command line
 * @param memoryStores inbox stores kept in memory; empty for RocksDB only
 */
record StoreVariant(String name, Set<String> memoryStores) {

    static List<StoreVariant> parse(String variants, List<String> memoryStores) {
        List<StoreVariant> parsed = new ArrayList<>();
        for (String raw : variants.split(",")) {
            String name = raw.strip().toLowerCase(Locale.ROOT);
            parsed.add(switch (name) {
                case "rocksdb" -> new StoreVariant(name, Set.of());
                case "memory" -> new StoreVariant(name, new LinkedHashSet<>(memoryStores.stream().map(String::strip).toList()));
                default -> throw new IllegalArgumentException("--variants: rocksdb or memory, comma-separated, not '" + raw + "'");
            });
        }
        return List.copyOf(parsed);
    }

    /** {@code settings} with this variant's inbox stores. */
    ProcessorSettings apply(ProcessorSettings settings) {
        TopologySettings topology = settings.topology()
                .withInbox(settings.topology().inbox().withMemoryStores(memoryStores));
        return new ProcessorSettings(settings.applicationId(), settings.stateDir(), settings.threads(),
                settings.failover(), settings.commitInterval(), settings.cacheBytes(), settings.advertisedHost(),
                topology, settings.extraProperties());
    }

    String describe() {
        return memoryStores.isEmpty() ? "all stores in RocksDB"
                : "in memory (changelogged): " + String.join(", ", memoryStores) + "; the rest in RocksDB";
    }

    @Override
    public String toString() {
        return name + (memoryStores.isEmpty() ? "" : Arrays.toString(memoryStores.toArray()));
    }
}
