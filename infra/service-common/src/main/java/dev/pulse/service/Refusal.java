package dev.pulse.service;

import io.helidon.http.DirectHandler.TransportRequest;
import io.helidon.http.Status;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a client is told when the server refuses its request before routing: a status, a stable problem code and a
 * detail. Details are fixed sentences chosen from Helidon's message, never the message itself, which may quote the
 * client's bytes.
 *
 * @param status HTTP status of the answer
 * @param code   problem code, the tail of {@code urn:pulse:problem:<code>}
 * @param detail what was wrong, in words that name the fix
 */
record Refusal(Status status, String code, String detail) {

    static final Refusal INCOMPLETE_HEADERS = new Refusal(Status.BAD_REQUEST_400, ClientDisconnect.CODE,
            "The connection ended before the request headers were complete.");

    private static final Refusal REQUEST_LINE = new Refusal(Status.BAD_REQUEST_400, "bad-request",
            "The request line is malformed or its target is not a valid URI; expected METHOD /path HTTP/1.1.");
    /** RFC 6585; Helidon 4.3.1 has no constant for it and answers oversized headers with a plain 400. */
    private static final Status HEADER_FIELDS_TOO_LARGE_431 = Status.create(431, "Request Header Fields Too Large");
    private static final Refusal HEADERS_TOO_LARGE = new Refusal(HEADER_FIELDS_TOO_LARGE_431,
            "headers-too-large", "The request headers are too large.");
    private static final Refusal VERSION = new Refusal(Status.HTTP_VERSION_NOT_SUPPORTED_505,
            "http-version-not-supported", "This server speaks HTTP/1.1; send the request with HTTP/1.1.");
    private static final Refusal MALFORMED = new Refusal(Status.BAD_REQUEST_400, "bad-request",
            "The request is malformed.");

    /** Helidon's message for refusals that may quote the client; all of them are about the request line. */
    private static final String UNSAFE_MESSAGE = "Bad request, see server log for more information";
    private static final Pattern HTTP_VERSION = Pattern.compile("HTTP/[0-9]+(\\.[0-9]+)?");
    private static final List<Rule> BAD_REQUEST_RULES = List.of(
            new Rule("Header size exceeded", HEADERS_TOO_LARGE),
            rule("The Host header is missing, repeated or invalid.", "Invalid Host header", "Host header must",
                    "Only a single Host header", "Invalid port of the host header"),
            rule("Content-Length must be one non-negative decimal number.", "Content length is not a number",
                    RequestFraming.BAD_CONTENT_LENGTH),
            rule("Transfer-Encoding and Content-Length must not be combined.", RequestFraming.LENGTH_AND_CHUNKED),
            rule("The chunked request body is malformed.", "Chunk size is invalid", "Invalid terminating chunk"),
            rule("The Content-Encoding of the request body is not supported.", "Unsupported content encoding",
                    "Content-Encoding header present"),
            rule("The query or fragment of the request target is not valid; percent-encode reserved characters.",
                    "Query ", "Fragment "),
            rule("A request header is malformed.", "Invalid header"),
            rule(REQUEST_LINE.detail, "Invalid prologue", UNSAFE_MESSAGE));

    /**
     * @param helidonStatus the status Helidon chose, kept unless a more precise one applies (431, 505)
     * @param message       Helidon's message, or null
     * @param request       what Helidon parsed of the request, possibly nothing
     */
    static Refusal of(Status helidonStatus, String message, TransportRequest request) {
        String text = message == null ? "" : message;
        if (helidonStatus.code() != Status.BAD_REQUEST_400.code()) {
            return byStatus(helidonStatus);
        }
        if (text.equals(UNSAFE_MESSAGE) && namesAnotherHttpVersion(request.protocolVersion())) {
            return VERSION;
        }
        return BAD_REQUEST_RULES.stream()
                .filter(rule -> rule.matches(text))
                .map(Rule::refusal)
                .findFirst()
                .orElse(MALFORMED);
    }

    static Refusal byStatus(Status status) {
        return switch (status.code()) {
            case 408 -> new Refusal(status, "request-timeout", "The request was not complete in time.");
            case 413 -> new Refusal(status, "payload-too-large", "The request body is larger than this server accepts.");
            case 414 -> new Refusal(status, "uri-too-long", "The request line is too long; shorten the URL.");
            case 431 -> HEADERS_TOO_LARGE;
            case 500 -> new Refusal(status, "internal",
                    "The server failed to handle this request; it has been logged.");
            case 501 -> new Refusal(status, "not-implemented",
                    "Only Transfer-Encoding: chunked is implemented for request bodies.");
            case 503 -> new Refusal(status, "unavailable", "The server is busy; retry shortly.");
            case 505 -> VERSION;
            default -> new Refusal(status, status.code() == 400 ? "bad-request" : "http-" + status.code(),
                    status.reasonPhrase());
        };
    }

    /** Helidon reports a request line with an unknown version as the whole line followed by "/". */
    private static boolean namesAnotherHttpVersion(String protocolVersion) {
        String line = protocolVersion.endsWith("/") ? protocolVersion.substring(0, protocolVersion.length() - 1)
                : protocolVersion;
        String[] parts = line.split(" ", -1);
        return parts.length == 3 && HTTP_VERSION.matcher(parts[2]).matches();
    }

    private static Rule rule(String detail, String... prefixes) {
        return new Rule(prefixes, new Refusal(Status.BAD_REQUEST_400, "bad-request", detail));
    }

    private record Rule(List<String> prefixes, Refusal refusal) {

        Rule(String prefix, Refusal refusal) {
            this(List.of(prefix), refusal);
        }

        Rule(String[] prefixes, Refusal refusal) {
            this(List.of(prefixes), refusal);
        }

        boolean matches(String text) {
            return prefixes.stream().anyMatch(text::startsWith);
        }
    }
}
