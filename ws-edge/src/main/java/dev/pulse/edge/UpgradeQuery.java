package dev.pulse.edge;

import io.helidon.http.HttpPrologue;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Query parameters of a WebSocket upgrade ({@code ?token=}, {@code ?epoch=&lastSeq=}), read from the raw
 * query text. Helidon's {@code prologue.query().first(name)} would do, but on the connection's own thread it
 * costs for the socket's life: the parsed query stays in the prologue the connection keeps, and its values
 * look up the global mapper through Helidon's service registry, which leaves a context {@code Stack} in the
 * thread's thread locals (docs/BENCHMARKS.md, "Memory: heap per idle socket").
 */
final class UpgradeQuery {

    private UpgradeQuery() {
    }

    /** The first value of {@code name}, decoded; empty when absent or not decodable. */
    static Optional<String> first(HttpPrologue prologue, String name) {
        String raw = prologue.query().rawValue();
        if (raw == null || raw.isEmpty()) {
            return Optional.empty();
        }
        for (String pair : raw.split("&")) {
            int equals = pair.indexOf('=');
            String key = equals < 0 ? pair : pair.substring(0, equals);
            if (decoded(key).filter(name::equals).isPresent()) {
                return equals < 0 ? Optional.of("") : decoded(pair.substring(equals + 1));
            }
        }
        return Optional.empty();
    }

    private static Optional<String> decoded(String text) {
        try {
            return Optional.of(URLDecoder.decode(text, StandardCharsets.UTF_8));
        } catch (IllegalArgumentException e) {
            // A malformed %-escape: no value a client meant.
            return Optional.empty();
        }
    }
}
