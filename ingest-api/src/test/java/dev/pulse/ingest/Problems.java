package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.service.Problem;
import java.net.http.HttpResponse;

/** Assertions on problem+json answers, shared by the ITs. */
final class Problems {

    private Problems() {
    }

    /** {@code response} is a problem with this status and {@code urn:pulse:problem:<code>}; its body. */
    static JsonNode assertProblem(HttpResponse<String> response, int status, String code) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = IngestClient.body(response);
        assertThat(problem.path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + code);
        return problem;
    }
}
