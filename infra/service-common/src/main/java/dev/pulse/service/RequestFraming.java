package dev.pulse.service;

import io.helidon.http.DirectHandler.EventType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Headers;
import io.helidon.http.RequestException;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Refuses request headers that frame the body ambiguously, before routing: Helidon 4.3.1 accepts
 * {@code Content-Length: -1} and then waits for a body that never ends, and it ignores a Transfer-Encoding other than
 * chunked, so the body would be read as the next request (a request-smuggling shape behind a proxy that frames it
 * differently). Helidon 4.5 refuses both itself.
 *
 * <p>It runs as an HTTP/1 receive listener, which Helidon calls after reading the headers and before routing; the
 * {@link RequestException} it throws ends the connection through the listener's direct handlers, like Helidon's own
 * "Content length is not a number".
 */
final class RequestFraming implements Http1ConnectionListener {

    static final String BAD_CONTENT_LENGTH = "Content-Length must be one non-negative decimal number";
    static final String LENGTH_AND_CHUNKED = "Transfer-Encoding and Content-Length must not be combined";
    static final String UNSUPPORTED_CODING = "Transfer-Encoding other than chunked is not implemented";

    private static final Pattern DECIMAL = Pattern.compile("[0-9]{1,18}");

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        boolean hasLength = headers.contains(HeaderNames.CONTENT_LENGTH);
        if (headers.contains(HeaderNames.TRANSFER_ENCODING)) {
            if (hasLength) {
                throw refusal(Status.BAD_REQUEST_400, LENGTH_AND_CHUNKED);
            }
            if (!onlyChunked(headers.values(HeaderNames.TRANSFER_ENCODING))) {
                throw refusal(Status.NOT_IMPLEMENTED_501, UNSUPPORTED_CODING);
            }
        } else if (hasLength && !oneDecimal(headers.values(HeaderNames.CONTENT_LENGTH))) {
            throw refusal(Status.BAD_REQUEST_400, BAD_CONTENT_LENGTH);
        }
    }

    private static boolean oneDecimal(List<String> values) {
        return values.size() == 1 && DECIMAL.matcher(values.getFirst().trim()).matches();
    }

    private static boolean onlyChunked(List<String> values) {
        return values.size() == 1 && values.getFirst().trim().equalsIgnoreCase("chunked");
    }

    private static RequestException refusal(Status status, String message) {
        return RequestException.builder()
                .type(EventType.BAD_REQUEST)
                .status(status)
                .setKeepAlive(false)
                .message(message)
                .build();
    }
}
