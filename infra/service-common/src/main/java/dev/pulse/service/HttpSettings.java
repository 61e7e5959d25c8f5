package dev.pulse.service;

import java.time.Duration;
import java.util.List;

/**
 * How a service's HTTP server treats requests, from {@code server.*}.
 *
 * @param requestTimeout the longest a request may stall (no bytes) before the connection is closed
 * @param maxBodyBytes   the largest request body any route accepts; routes may accept less
 * @param corsOrigins    browser origins allowed to call the API ({@code *} for any); none by default
 */
public record HttpSettings(Duration requestTimeout, long maxBodyBytes, List<String> corsOrigins) {

    public HttpSettings {
        corsOrigins = List.copyOf(corsOrigins);
    }
}
