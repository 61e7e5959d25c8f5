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

    /**
     * The most of one request body the server reads: twice {@link #maxBodyBytes}. A body over the route's
     * limit but within this is answered 413 and then read and dropped, so the client reads the answer
     * instead of a reset connection (see {@link BodyLimitFilter}).
     */
    public long readLimitBytes() {
        return maxBodyBytes > Long.MAX_VALUE / 2 ? Long.MAX_VALUE : maxBodyBytes * 2;
    }
}
