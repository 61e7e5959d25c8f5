package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class Http10HealthTest {

    private final AtomicBoolean healthy = new AtomicBoolean(true);
    private HardenedServer server;

    @BeforeAll
    void startServer() {
        server = HardenedServer.start(RequestTimeouts.of(Duration.ofSeconds(30)), healthy::get, builder -> { });
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    @BeforeEach
    void healthyByDefault() {
        healthy.set(true);
    }

    @Test
    void shouldAnswerAnHttp10HealthCheckWithUpAndClose() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Response response = http.send("GET /health HTTP/1.0\r\nUser-Agent: lb\r\n\r\n").read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.contentType()).hasValue("application/json");
            assertThat(response.header("Connection")).hasValue("close");
            assertThat(RefusedRequestsTest.json(response).path("status").asText()).isEqualTo("UP");
            assertThat(http.awaitClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldAnswerAnHttp10HealthCheckWith503WhenUnhealthy() {
        healthy.set(false);

        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /health HTTP/1.0\r\n\r\n");

        assertThat(response.status()).isEqualTo(503);
        assertThat(RefusedRequestsTest.json(response).path("status").asText()).isEqualTo("DOWN");
    }

    @Test
    void shouldIgnoreTheQueryOfAnHttp10HealthCheck() {
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /health?probe=lb HTTP/1.0\r\n\r\n");

        assertThat(response.status()).isEqualTo(200);
    }

    @Test
    void shouldAnswerAnHttp10HeadHealthCheckWithoutABody() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            RawHttp.Response response = http.send("HEAD /health HTTP/1.0\r\n\r\n").readHead();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.header("Content-Length")).hasValue("0");
            assertThat(http.awaitClosedByServer()).isTrue();
        }
    }

    @Test
    void shouldRefuseOtherHttp10RequestsWithAProblemThatNamesHttp11() {
        RawHttp.Response response = RawHttp.exchange(server.port(), "GET /v1/session HTTP/1.0\r\n\r\n");

        assertThat(response.status()).isEqualTo(505);
        assertThat(response.contentType()).hasValue(Problem.CONTENT_TYPE);
        JsonNode problem = RefusedRequestsTest.json(response);
        assertThat(problem.path("type").asText()).isEqualTo("urn:pulse:problem:http-version-not-supported");
        assertThat(problem.path("detail").asText()).contains("HTTP/1.1");
    }

    @Test
    void shouldRefuseAnHttp10PostToHealth() {
        RawHttp.Response response = RawHttp.exchange(server.port(),
                "POST /health HTTP/1.0\r\nContent-Length: 2\r\n\r\n{}");

        assertThat(response.status()).isEqualTo(505);
    }
}
