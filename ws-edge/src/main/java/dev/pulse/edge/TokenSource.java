package dev.pulse.edge;

import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/**
 * Where a WebSocket client may put its token: the {@code Authorization: Bearer} header, the {@code token}
 * query parameter, or (since browsers cannot set headers on a WebSocket) a {@code bearer.<token>} entry of
 * {@code Sec-WebSocket-Protocol} offered next to {@value #PROTOCOL}, which the server then selects.
 */
record TokenSource(Optional<String> token, boolean protocolOffered) {

    /** The subprotocol of this API; the one the server selects when the client offers it. */
    static final String PROTOCOL = "pulse.v1";
    static final HeaderName PROTOCOL_HEADER = HeaderNames.create("Sec-WebSocket-Protocol");
    private static final String BEARER_HEADER = "bearer ";
    private static final String BEARER_PROTOCOL = "bearer.";

    static TokenSource of(HttpPrologue prologue, Headers headers) {
        List<String> offered = headers.first(PROTOCOL_HEADER)
                .map(value -> Arrays.stream(value.split(",")).map(String::strip).toList())
                .orElse(List.of());
        Optional<String> token = fromHeader(headers)
                .or(() -> UpgradeQuery.first(prologue, "token"))
                .or(() -> offered.stream().filter(p -> p.regionMatches(true, 0, BEARER_PROTOCOL, 0, 7))
                        .map(p -> p.substring(BEARER_PROTOCOL.length())).findFirst())
                .filter(t -> !t.isBlank());
        return new TokenSource(token, offered.contains(PROTOCOL));
    }

    private static Optional<String> fromHeader(Headers headers) {
        return headers.first(HeaderNames.AUTHORIZATION)
                .filter(v -> v.length() > BEARER_HEADER.length()
                        && v.regionMatches(true, 0, BEARER_HEADER, 0, BEARER_HEADER.length()))
                .map(v -> v.substring(BEARER_HEADER.length()).strip());
    }
}
