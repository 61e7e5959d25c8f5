package dev.pulse.edge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.helidon.common.buffers.BufferData;
import io.helidon.common.socket.SocketContext;
import io.helidon.websocket.WsSession;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A connection's way out: frames go in order, a socket that does not take them never holds up whoever
 * offers more, and an overflow replaces the queue with one slow-consumer close.
 */
class OutboundTest {

    /** A socket whose writes block until the test lets them through, recording what was written. */
    private static final class StalledSocket implements WsSession {
        final CountDownLatch open = new CountDownLatch(1);
        final CountDownLatch writing = new CountDownLatch(1);
        final List<String> written = new CopyOnWriteArrayList<>();

        @Override
        public WsSession send(String text, boolean last) {
            writing.countDown();
            await();
            written.add(text);
            return this;
        }

        @Override
        public WsSession close(int code, String reason) {
            await();
            written.add("close " + code);
            return this;
        }

        private void await() {
            try {
                open.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        @Override
        public WsSession send(BufferData bufferData, boolean last) {
            return this;
        }

        @Override
        public WsSession ping(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession pong(BufferData bufferData) {
            return this;
        }

        @Override
        public WsSession terminate() {
            return this;
        }

        @Override
        public SocketContext socketContext() {
            throw new UnsupportedOperationException();
        }
    }

    private final AtomicInteger overflows = new AtomicInteger();
    private final AtomicInteger gone = new AtomicInteger();
    private final Outbound.Events events = new Outbound.Events() {
        @Override
        public void overflowed() {
            overflows.incrementAndGet();
        }

        @Override
        public void gone() {
            gone.incrementAndGet();
        }

        @Override
        public void sent() {
        }
    };

    /** The writer took the first frame off the queue and is blocked sending it. */
    private static void awaitWriting(StalledSocket socket) {
        try {
            assertThat(socket.writing.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void shouldSendFramesInOrderOnceTheSocketTakesThem() {
        StalledSocket socket = new StalledSocket();
        Outbound out = new Outbound(socket, 10, 1_000, events);

        List.of("a", "b", "c").forEach(out::text);
        socket.open.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> socket.written.size() == 3);
        assertThat(socket.written).containsExactly("a", "b", "c");
        assertThat(overflows).hasValue(0);
    }

    @Test
    void shouldReplaceAnOverflowingQueueWithOneSlowConsumerClose() {
        StalledSocket socket = new StalledSocket();
        Outbound out = new Outbound(socket, 3, 1_000, events);

        boolean[] taken = new boolean[6];
        taken[0] = out.text("frame0");
        awaitWriting(socket);
        for (int i = 1; i < taken.length; i++) {
            taken[i] = out.text("frame" + i);
        }
        socket.open.countDown();

        await().atMost(Duration.ofSeconds(10)).until(() -> gone.get() == 1);
        assertThat(taken).containsExactly(true, true, true, true, false, false);
        assertThat(overflows).hasValue(1);
        assertThat(socket.written.getLast()).isEqualTo("close " + CloseCodes.SLOW_CONSUMER);
        assertThat(socket.written).hasSizeLessThanOrEqualTo(2);
        assertThat(out.isClosed()).isTrue();
    }

    @Test
    void shouldCountBytesAsWellAsFrames() {
        StalledSocket socket = new StalledSocket();
        Outbound out = new Outbound(socket, 100, 10, events);

        assertThat(out.text("12345678")).isTrue();
        awaitWriting(socket);
        assertThat(out.text("123")).isTrue();
        boolean third = out.text("12345678901");

        assertThat(third).isFalse();
        assertThat(overflows).hasValue(1);
        socket.open.countDown();
    }
}
