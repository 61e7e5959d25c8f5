package dev.pulse.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.pulse.schemas.LikeAction;
import dev.pulse.service.Problem;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The per-caller rate limit of the write routes over real HTTP: one request a second, no burst. */
class RateLimitIT extends OneIngestPerTest {

    private JsonNode like;

    @BeforeEach
    void startLike() {
        like = client.batch(List.of(EventFixtures.like(LikeAction.LIKE)));
    }

    @Override
    protected Map<String, String> settings() {
        return Map.of("events.rate.per.second", "1", "events.rate.burst", "1");
    }

    @Test
    void shouldAnswer429WithRetryAfterAndAProblemBodyOverTheLimit() {
        HttpResponse<String> refused = firstRefusal(client.userToken(EventFixtures.ACTOR));

        assertThat(refused.headers().firstValue("Content-Type")).hasValue(Problem.CONTENT_TYPE);
        assertThat(IngestClient.body(refused).path("type").asText()).isEqualTo(Problem.TYPE_PREFIX + CallerRateLimit.CODE);
        assertThat(refused.headers().firstValue("Retry-After")).map(Long::parseLong).hasValueSatisfying(
                seconds -> assertThat(seconds).isGreaterThanOrEqualTo(1));
    }

    @Test
    void shouldAllowTheCallerAgainAfterWaiting() {
        String token = client.userToken(EventFixtures.ACTOR);
        firstRefusal(token);

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(250))
                .until(() -> client.post(token, like).statusCode() == 202);
    }

    @Test
    void shouldLimitEachCallerOnItsOwn() {
        firstRefusal(client.userToken(EventFixtures.ACTOR));

        assertThat(client.post(client.serviceToken(), like).statusCode()).isEqualTo(202);
    }

    @Test
    void shouldCountRateLimitedRequestsOnMetrics() {
        firstRefusal(client.userToken(EventFixtures.ACTOR));

        assertThat(client.get("/metrics", client.token("prometheus", "metrics")).body())
                .containsPattern("pulse_ingest_events_rejected_total\\{reason=\"rate_limited\",route=\"events\",service=\"ingest-api\"} [1-9]");
    }

    @Test
    void shouldAnswer429ToAnInboxActionOverTheLimit() {
        String token = client.userToken(EventFixtures.ACTOR);

        HttpResponse<String> refused = firstRefusal(() -> client.send("POST", "/v1/me/inbox/read", token,
                "{\"type\":\"WholeInbox\"}"));

        Problems.assertProblem(refused, 429, CallerRateLimit.CODE);
        assertThat(refused.headers().firstValue("Retry-After")).isPresent();
        assertThat(client.get("/metrics", client.token("prometheus", "metrics")).body())
                .containsPattern("pulse_ingest_events_rejected_total\\{reason=\"rate_limited\",route=\"inbox\",service=\"ingest-api\"} [1-9]");
    }

    @Test
    void shouldCountEveryWriteRouteAgainstTheSameLimitOfTheCaller() {
        String token = client.userToken(EventFixtures.ACTOR);
        String settings = "/v1/users/" + EventFixtures.ACTOR + "/settings";

        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
                .until(() -> client.post(token, like).statusCode() == 202
                        && client.send("PUT", settings, token, "{}").statusCode() == 429);
    }

    /** Posts as {@code token} until refused: the first post takes the only token, a quick second finds none. */
    private HttpResponse<String> firstRefusal(String token) {
        return firstRefusal(() -> client.post(token, like));
    }

    /** Sends {@code request} until refused; the refusal must be a 429. */
    private static HttpResponse<String> firstRefusal(Supplier<HttpResponse<String>> request) {
        return Stream.generate(request).limit(20).filter(r -> r.statusCode() != 202)
                .findFirst().map(r -> {
                    assertThat(r.statusCode()).as(r.body()).isEqualTo(429);
                    return r;
                }).orElseThrow(() -> new AssertionError("20 posts in a row were all accepted at 1 request/s"));
    }
}
