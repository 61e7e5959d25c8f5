package dev.pulse.service;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.helidon.common.media.type.MediaType;
import io.helidon.http.HeaderNames;
import io.helidon.http.Status;
import io.helidon.webserver.http.ServerRequest;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;

/**
 * Reads a request body as exactly one JSON document, refusing in our own words what a careless or
 * hostile client sends: no body (400), a body over the route's limit (413, checked against
 * {@code Content-Length} before reading and while reading), another content type (415), malformed or
 * truncated JSON, trailing data after the document, or nesting and lengths beyond sane limits (400).
 */
public final class JsonBody {

    /** Deepest nesting accepted; our documents are a few levels deep. */
    static final int MAX_NESTING = 32;
    /** Longest string or number accepted, in characters. */
    static final int MAX_TOKEN_LENGTH = 65_536;

    private static final ObjectReader READER = reader();

    private JsonBody() {
    }

    /** The body of {@code req} as a JSON tree of at most {@code maxBytes}. */
    public static JsonNode read(ServerRequest req, long maxBytes) {
        requireJsonContentType(req);
        long declared = req.headers().contentLength().orElse(-1L);
        if (declared > maxBytes) {
            throw tooLarge(maxBytes);
        }
        if (!req.content().hasEntity() || declared == 0) {
            throw ProblemException.badRequest("the request body is empty; send one JSON document");
        }
        byte[] bytes = readAtMost(req, maxBytes);
        if (bytes.length == 0) {
            throw ProblemException.badRequest("the request body is empty; send one JSON document");
        }
        return parse(bytes);
    }

    /** {@code bytes} as one JSON document, or a 400 problem saying what is wrong with it. */
    static JsonNode parse(byte[] bytes) {
        try {
            return READER.readTree(bytes);
        } catch (StreamConstraintsException e) {
            throw invalid("it nests deeper than " + MAX_NESTING + " levels or holds a string or number longer than "
                    + MAX_TOKEN_LENGTH + " characters", e);
        } catch (JsonEOFException e) {
            throw invalid("it ends in the middle of a value" + at(e), e);
        } catch (MismatchedInputException e) {
            throw invalid("there is more data after the JSON document" + at(e), e);
        } catch (JsonParseException e) {
            boolean duplicate = e.getOriginalMessage() != null && e.getOriginalMessage().startsWith("Duplicate field");
            throw invalid((duplicate ? "a member name appears twice in one object" : "unexpected character") + at(e), e);
        } catch (CharConversionException e) {
            throw invalid("it is not valid UTF-8", e);
        } catch (IOException e) {
            throw invalid("it cannot be read", e);
        }
    }

    private static void requireJsonContentType(ServerRequest req) {
        Optional<MediaType> type = req.headers().contentType().map(h -> h.mediaType());
        boolean json = type.map(t -> t.type().equals("application")
                && (t.subtype().equals("json") || t.subtype().endsWith("+json"))).orElse(false);
        if (!json) {
            throw new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type",
                    "send the body as Content-Type: application/json"
                            + type.map(t -> ", not " + t.text()).orElse(" (the header is missing)"));
        }
        Optional<String> charset = req.headers().contentType().flatMap(h -> h.charset());
        if (charset.isPresent() && !charset.get().equalsIgnoreCase("utf-8")) {
            throw new ProblemException(Status.UNSUPPORTED_MEDIA_TYPE_415, "unsupported-media-type",
                    "JSON bodies must be UTF-8");
        }
    }

    private static byte[] readAtMost(ServerRequest req, long maxBytes) {
        try (InputStream in = req.content().inputStream()) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes) + 1);
            if (bytes.length > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return bytes;
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /** The 413 problem for a body over {@code maxBytes}. */
    static ProblemException tooLarge(long maxBytes) {
        return new ProblemException(Status.REQUEST_ENTITY_TOO_LARGE_413, "payload-too-large",
                "the request body exceeds the " + maxBytes + " bytes this route accepts");
    }

    private static ProblemException invalid(String what, Exception cause) {
        return ProblemException.badRequest("the request body is not valid JSON: " + what).causedBy(cause);
    }

    private static String at(JsonProcessingException e) {
        return e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr()
                + ", column " + e.getLocation().getColumnNr();
    }

    private static ObjectReader reader() {
        JsonFactory factory = JsonFactory.builder()
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_NESTING)
                        .maxStringLength(MAX_TOKEN_LENGTH)
                        .maxNumberLength(1_000)
                        .maxNameLength(1_000)
                        .build())
                .build();
        return new ObjectMapper(factory)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
                .reader();
    }
}
