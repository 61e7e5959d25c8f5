package dev.pulse.edge;

import io.helidon.common.buffers.BufferData;
import io.helidon.websocket.WsSession;
import java.util.ArrayDeque;

/**
 * One connection's way out: frames queue here, bounded in count and bytes, and a virtual thread started
 * only while there is something to send writes them in order. So a slow socket never holds up the fan-out
 * that offers to it, and an idle socket costs no thread. Every write to the socket goes through here:
 * Helidon's session is not safe for concurrent sends.
 */
final class Outbound {

    /** What the connection learns from its way out, called outside any lock. */
    interface Events {
        /** Once, when the queue overflowed and a slow-consumer close replaced it. */
        void overflowed();

        /**
         * Once, when nothing more can be sent: a close went out, or a write failed. Helidon tells the
         * listener only of closes the client starts, so this is how a vanished client is noticed.
         */
        void gone();

        /** A frame went out. */
        void sent();
    }

    private sealed interface Item {
        int bytes();
    }

    private record Text(String text) implements Item {
        public int bytes() {
            return text.length();
        }
    }

    private record Ping() implements Item {
        public int bytes() {
            return 0;
        }
    }

    private record Close(int code, String reason) implements Item {
        public int bytes() {
            return 0;
        }
    }

    private final WsSession socket;
    private final int maxFrames;
    private final long maxBytes;
    private final Events events;
    private final ArrayDeque<Item> queue = new ArrayDeque<>();
    private long queuedBytes;
    private boolean draining;
    private boolean closed;

    Outbound(WsSession socket, int maxFrames, long maxBytes, Events events) {
        this.socket = socket;
        this.maxFrames = maxFrames;
        this.maxBytes = maxBytes;
        this.events = events;
    }

    /** Queues a text frame; false (and the overflow handler called) when the queue is full. */
    boolean text(String text) {
        return offer(new Text(text));
    }

    void ping() {
        offer(new Ping());
    }

    /** Queues a close after everything already queued; nothing queued later is sent. */
    void close(int code, String reason) {
        offer(new Close(code, reason));
    }

    /** Whether a close was queued, or the queue overflowed: nothing more will be sent. */
    synchronized boolean isClosed() {
        return closed;
    }

    private boolean offer(Item item) {
        boolean overflowed = false;
        synchronized (this) {
            if (closed) {
                return false;
            }
            if (item instanceof Text && (queue.size() >= maxFrames || queuedBytes + item.bytes() > maxBytes)) {
                // What is queued will never be sent; the close goes out as soon as the socket takes a frame.
                queue.clear();
                queuedBytes = 0;
                item = new Close(CloseCodes.SLOW_CONSUMER, "slow consumer: resume from the last seq received");
                overflowed = true;
            }
            queue.add(item);
            queuedBytes += item.bytes();
            closed = item instanceof Close;
            if (!draining) {
                draining = true;
                Thread.ofVirtual().name("ws-out").start(this::drain);
            }
        }
        if (overflowed) {
            events.overflowed();
        }
        return !overflowed;
    }

    private void drain() {
        while (true) {
            Item next;
            synchronized (this) {
                next = queue.poll();
                if (next == null) {
                    draining = false;
                    return;
                }
                queuedBytes -= next.bytes();
            }
            if (!send(next)) {
                synchronized (this) {
                    closed = true;
                    queue.clear();
                    queuedBytes = 0;
                    draining = false;
                }
                events.gone();
                return;
            }
        }
    }

    private boolean send(Item item) {
        try {
            switch (item) {
                case Text text -> {
                    socket.send(text.text(), true);
                    events.sent();
                }
                case Ping ignored -> socket.ping(BufferData.empty());
                case Close close -> {
                    socket.close(close.code(), close.reason());
                    return false;
                }
            }
            return true;
        } catch (RuntimeException e) {
            // The socket is gone; its reader sees that and the session ends there.
            return false;
        }
    }
}
