package dev.pulse.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.common.buffers.DataReader;
import java.io.UncheckedIOException;
import java.net.SocketException;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ClientDisconnectTest {

    private HardenedServer server;

    @BeforeAll
    void startServer() {
        server = HardenedServer.start(Duration.ofSeconds(30));
    }

    @AfterAll
    void stopServer() {
        server.close();
    }

    static Stream<Arguments> disconnects() {
        return Stream.of(
                "partial headers|POST /echo HTTP/1.1\r\nHost: x\r\nContent-Le",
                "headers of a POST, no body yet|POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\n",
                "half a body the handler reads|POST /echo HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf!",
                "half a chunked body|POST /echo HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhalf!\r\n",
                "half a body nobody reads|POST /health HTTP/1.1\r\nHost: x\r\nContent-Length: 10\r\n\r\nhalf!",
                "before reading a large answer|GET " + HardenedServer.LARGE_PATH + " HTTP/1.1\r\nHost: x\r\n\r\n")
                .flatMap(named -> Stream.of(true, false).map(reset -> Arguments.of(named.split("\\|")[0],
                        named.split("\\|")[1], reset)));
    }

    @ParameterizedTest(name = "{0}, reset={2}")
    @MethodSource("disconnects")
    void shouldLogNothingAboveDebugWhenAClientLeavesMidRequest(String name, String sent, boolean reset) {
        try (LogCapture logs = LogCapture.openWithConnectionEvents()) {
            RawHttp http = RawHttp.connect(server.port()).send(sent);

            if (reset) {
                http.reset();
            } else {
                http.close();
            }

            await().atMost(Duration.ofSeconds(10)).until(() -> logs.closedConnections() >= 1);
            assertThat(logs.warningsOrWorse()).as(LogCapture.describe(logs.warningsOrWorse())).isEmpty();
            assertThat(logs.withStackTrace()).as(LogCapture.describe(logs.withStackTrace())).isEmpty();
        }
    }

    @Test
    void shouldTellAClientThatStopsSendingHalfWayThroughItsHeadersThatTheRequestIsIncomplete() {
        try (RawHttp http = RawHttp.connect(server.port())) {
            http.send("GET /health HTTP/1.1\r\nHost: x\r\nAcc").finishSending();

            RawHttp.Response response = http.read();

            assertThat(response.status()).isEqualTo(400);
            assertThat(RefusedRequestsTest.json(response).path("type").asText())
                    .isEqualTo("urn:pulse:problem:" + ClientDisconnect.CODE);
        }
    }

    @Test
    void shouldNotTakeAConnectionFailureOfAnOutboundCallForAClientDisconnect() {
        UncheckedIOException outbound = new UncheckedIOException(new SocketException("Connection reset"));

        assertThat(ClientDisconnect.isDisconnect(outbound)).isFalse();
        assertThat(ClientDisconnect.isDisconnect(new DataReader.InsufficientDataAvailableException())).isFalse();
    }

    @Test
    void shouldNotTakeAnApplicationNumberFormatExceptionForAMalformedChunk() {
        assertThat(MalformedChunkedBody.isMalformedChunk(new NumberFormatException("For input string: \"x\"")))
                .isFalse();
    }
}
