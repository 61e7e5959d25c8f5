package dev.pulse.ingest;

import dev.pulse.service.Settings;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;

/**
 * Where the ingest API reads inboxes: the stream processor's query API, and how long a read may wait on
 * it. Read from {@code processor.*} and validated at start.
 *
 * @param url     the processor's base URL (scheme, host, port; any instance: it forwards to the owner)
 * @param timeout the longest a forwarded read waits, connecting and answering, before a 503
 */
record ProcessorLink(URI url, Duration timeout) {

    /** Reads {@code processor.url} and {@code processor.timeout.ms}, adding any problem to {@code settings}. */
    static ProcessorLink read(Settings settings) {
        String text = settings.text("processor.url");
        Duration timeout = Duration.ofMillis(settings.whole("processor.timeout.ms", 100, 120_000));
        try {
            URI url = new URI(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
            if (("http".equals(url.getScheme()) || "https".equals(url.getScheme())) && url.getHost() != null
                    && url.getRawQuery() == null && url.getRawFragment() == null) {
                return new ProcessorLink(url, timeout);
            }
        } catch (URISyntaxException e) {
            // reported below
        }
        settings.problem("processor.url: must be an http(s) URL such as http://localhost:8081, was '" + text + "'");
        return new ProcessorLink(URI.create("http://localhost"), timeout);
    }
}
