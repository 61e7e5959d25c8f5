package dev.pulse.launcher;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.pulse.kafka.junit.KafkaCluster;
import dev.pulse.kafka.junit.TestNamespace;
import dev.pulse.kafka.junit.TopicRecords;
import dev.pulse.kafka.junit.WithKafka;
import dev.pulse.schemas.LikeAction;
import dev.pulse.schemas.LikeEvent;
import dev.pulse.schemas.kafka.EventPublisher;
import dev.pulse.schemas.kafka.Topics;
import dev.pulse.service.RunningService;
import io.helidon.config.Config;
import io.helidon.config.ConfigSources;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@WithKafka
class LauncherIT {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    /** Every port free-picked, so tests never collide with a running Pulse or each other. */
    static Config config(Map<String, String> extra) {
        Map<String, String> values = new HashMap<>(Map.of(
                "kafka.port", "0",
                "kafka.controller.port", "0",
                "processor.server.port", "0",
                "edge.server.port", "0",
                "ingest.server.port", "0"));
        values.putAll(extra);
        return Config.just(ConfigSources.create(values), ConfigSources.classpath("launcher.yaml"));
    }

    private static LauncherArguments embedded(Path dataDir) {
        return new LauncherArguments(Optional.empty(), Optional.of(dataDir.toString()), false);
    }

    @Test
    void shouldPrintAReadyLinePerServiceThatAnswersHealth(@TempDir Path dataDir) throws Exception {
        try (Launcher launcher = Launcher.start(embedded(dataDir), config(Map.of()))) {
            String printed = printReady(launcher);

            assertThat(launcher.services()).extracting(RunningService::name)
                    .containsExactly("stream-processor", "ws-edge", "ingest-api");
            for (RunningService service : launcher.services()) {
                assertThat(printed).contains("ready  " + service.name()).contains("http://localhost:" + service.port());
                assertThat(get(service, "/health", Optional.empty()).statusCode()).isEqualTo(200);
            }
        }
    }

    @Test
    void shouldHandOutADevelopmentTokenEveryServiceAccepts(@TempDir Path dataDir) throws Exception {
        try (Launcher launcher = Launcher.start(embedded(dataDir), config(Map.of()))) {
            String token = launcher.devToken().orElseThrow();

            assertThat(printReady(launcher)).contains(token);
            for (RunningService service : launcher.services()) {
                HttpResponse<String> session = get(service, "/v1/session", Optional.of(token));
                assertThat(session.statusCode()).isEqualTo(200);
                assertThat(session.body()).contains("\"userId\":\"dev-user\"").contains("analytics");
            }
        }
    }

    @Test
    void shouldKeepEventsAndTheDevelopmentKeyAcrossARestart(@TempDir Path dataDir) throws Exception {
        LikeEvent like = LikeEvent.newBuilder().setEventId(UUID.randomUUID())
                .setOccurredAt(Instant.now().truncatedTo(ChronoUnit.MILLIS)).setActorId("ana")
                .setAction(LikeAction.LIKE).setPostId("post-1").setPostAuthorId("bob").build();
        String firstToken;
        RecordMetadata sent;
        try (Launcher first = Launcher.start(embedded(dataDir), config(Map.of()))) {
            firstToken = first.devToken().orElseThrow();
            try (EventPublisher publisher = new EventPublisher(
                    new HashMap<>(Map.of("bootstrap.servers", first.bootstrapServers())), Topics.standard())) {
                sent = publisher.publish(like).join();
            }
        }

        try (Launcher second = Launcher.start(embedded(dataDir), config(Map.of()))) {
            assertThat(get(second.services().getFirst(), "/v1/session", Optional.of(firstToken)).statusCode())
                    .isEqualTo(200);
            assertThat(TopicRecords.readPartition(second.bootstrapServers(), Topics.standard().likes(), sent.partition()))
                    .extracting(ConsumerRecord::value).containsExactly(like);
        }
    }

    @Test
    void shouldServeANewUsersInboxThroughTheIngestApiWithADevToken(@TempDir Path dataDir) throws Exception {
        try (Launcher launcher = Launcher.start(embedded(dataDir), config(Map.of()))) {
            RunningService ingest = launcher.services().getLast();
            String ana = devToken(ingest, "ana");
            String bob = devToken(ingest, "bob");

            assertThat(send(ingest, "POST", "/v1/events", bob, "{\"type\":\"LikeEvent\",\"actorId\":\"bob\","
                    + "\"action\":\"LIKE\",\"postId\":\"p1\",\"postAuthorId\":\"ana\"}").statusCode()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    get(ingest, "/v1/me/inbox?state=unread", Optional.of(ana)).body()).contains("\"actorIds\":[\"bob\"]"));
            assertThat(send(ingest, "POST", "/v1/me/inbox/read", ana, "{\"type\":\"WholeInbox\"}").statusCode())
                    .isEqualTo(202);

            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(
                    get(ingest, "/v1/me/inbox/counts", Optional.of(ana)).body()).contains("\"unread\":0"));
        }
    }

    private String devToken(RunningService ingest, String user) throws Exception {
        HttpResponse<String> issued = send(ingest, "POST", "/v1/dev/token", null, "{\"userId\":\"" + user + "\"}");
        assertThat(issued.statusCode()).as(issued.body()).isEqualTo(200);
        return issued.body().replaceAll(".*\"token\":\"([^\"]+)\".*", "$1");
    }

    private HttpResponse<String> send(RunningService service, String method, String path, String token, String body)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, HttpRequest.BodyPublishers.ofString(body));
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void shouldUseAnExistingClusterInsteadOfTheEmbeddedBroker(KafkaCluster kafka, TestNamespace namespace,
                                                              @TempDir Path dataDir) throws Exception {
        LauncherArguments args = new LauncherArguments(Optional.of(kafka.bootstrapServers()),
                Optional.of(dataDir.toString()), false);

        try (Launcher launcher = Launcher.start(args, config(Map.of("kafka.topic.prefix", namespace.prefix())));
             Admin admin = Admin.create(kafka.clientConfig())) {
            assertThat(launcher.bootstrapServers()).isEqualTo(kafka.bootstrapServers());
            assertThat(printReady(launcher)).contains("(existing cluster)");
            assertThat(admin.listTopics().names().get())
                    .contains(Topics.withPrefix(namespace.prefix()).inbox().name());
            assertThat(get(launcher.services().getLast(), "/health", Optional.empty()).body())
                    .contains("\"status\":\"UP\"");
        }
    }

    private static String printReady(Launcher launcher) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        launcher.printReady(new PrintStream(out, true, StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    private HttpResponse<String> get(RunningService service, String path, Optional<String> token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + service.port() + path))
                .timeout(Duration.ofSeconds(10));
        token.ifPresent(t -> request.header("Authorization", "Bearer " + t));
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
