package dev.pulse.processor.query;

import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.Json;
import dev.pulse.service.Problem;
import dev.pulse.service.ProblemException;
import io.helidon.http.HeaderName;
import io.helidon.http.HeaderNames;
import io.helidon.http.HeaderValues;
import io.helidon.http.Status;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.streams.state.HostInfo;

/**
 * Reads what an owning instance answered: a 200 as its view record; any other status as the same
 * problem (status, code, detail, extension members, {@code Retry-After} and {@code WWW-Authenticate}),
 * so the caller sees the owner's 503 or 401 as if this instance had refused. An answer that is not
 * ours (no problem body, or a body that is not the view) is a 502 {@code bad-gateway}.
 */
final class OwnerAnswers {

    private static final Set<String> PROBLEM_MEMBERS = Set.of("type", "title", "status", "detail", "instance");
    private static final List<HeaderName> PROBLEM_HEADERS = List.of(HeaderNames.RETRY_AFTER, HeaderNames.WWW_AUTHENTICATE);

    private OwnerAnswers() {
    }

    static <T> T view(HostInfo owner, byte[] body, JavaType view) {
        try {
            return Json.mapper().readValue(body, view);
        } catch (IOException e) {
            throw badGateway(owner, "answered 200 with a body that is not a " + view.getRawClass().getSimpleName())
                    .causedBy(e);
        }
    }

    static ProblemException problem(HostInfo owner, HttpResponse<byte[]> response) {
        JsonNode body = tree(response.body());
        String type = body.path("type").asText("");
        if (!type.startsWith(Problem.TYPE_PREFIX)) {
            return badGateway(owner, "answered " + response.statusCode() + " without a problem body");
        }
        ProblemException problem = new ProblemException(Status.create(response.statusCode()),
                type.substring(Problem.TYPE_PREFIX.length()), body.path("detail").asText(""));
        for (HeaderName name : PROBLEM_HEADERS) {
            String value = response.headers().firstValue(name.defaultCase()).orElse(null);
            if (value != null) {
                problem = problem.withHeader(HeaderValues.create(name, value));
            }
        }
        return problem.withExtensions(extensions(body));
    }

    private static Map<String, Object> extensions(JsonNode body) {
        Map<String, Object> extensions = new LinkedHashMap<>();
        body.properties().forEach(member -> {
            if (!PROBLEM_MEMBERS.contains(member.getKey())) {
                extensions.put(member.getKey(), member.getValue());
            }
        });
        return extensions;
    }

    private static JsonNode tree(byte[] body) {
        try {
            JsonNode tree = Json.mapper().readTree(body);
            return tree == null ? Json.mapper().missingNode() : tree;
        } catch (IOException e) {
            return Json.mapper().missingNode();
        }
    }

    private static ProblemException badGateway(HostInfo owner, String what) {
        return new ProblemException(Status.BAD_GATEWAY_502, "bad-gateway",
                "instance " + Forwarder.address(owner) + " " + what);
    }
}
