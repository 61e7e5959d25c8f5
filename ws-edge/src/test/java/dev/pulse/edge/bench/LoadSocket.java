package dev.pulse.edge.bench;

import java.net.http.WebSocket;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * One client socket of the load tool: counts every text frame it receives into the process's
 * {@link FrameStats} and says when it is ready (open, or once a frame of the awaited type came). Pings are
 * answered by the JDK client itself.
 */
final class LoadSocket implements WebSocket.Listener {

    private final FrameStats stats;
    private final NotificationArrivals arrivals;
    private final String user;
    private final Optional<String> readyOn;
    private final Optional<String> onReady;
    private final CompletableFuture<Void> ready = new CompletableFuture<>();
    private StringBuilder partial;
    private volatile boolean open;

    /** @param onReady a frame to send once ready, e.g. a subscribe */
    LoadSocket(FrameStats stats, NotificationArrivals arrivals, String user, Optional<String> readyOn,
               Optional<String> onReady) {
        this.stats = stats;
        this.arrivals = arrivals;
        this.user = user;
        this.readyOn = readyOn;
        this.onReady = onReady;
    }

    CompletableFuture<Void> ready() {
        return ready;
    }

    boolean isOpen() {
        return open;
    }

    @Override
    public void onOpen(WebSocket socket) {
        open = true;
        if (readyOn.isEmpty()) {
            becomeReady(socket);
        }
        socket.request(1);
    }

    @Override
    public CompletionStage<?> onText(WebSocket socket, CharSequence data, boolean last) {
        CharSequence frame = data;
        if (!last || partial != null) {
            partial = partial == null ? new StringBuilder(data) : partial.append(data);
            frame = last ? partial : null;
        }
        if (frame != null) {
            partial = null;
            long now = nowMicros();
            String text = frame.toString();
            stats.frame(text, now);
            arrivals.frame(user, text, now);
            if (readyOn.isPresent() && !ready.isDone() && readyOn.get().equals(FrameStats.type(text))) {
                becomeReady(socket);
            }
        }
        socket.request(1);
        return null;
    }

    private void becomeReady(WebSocket socket) {
        if (onReady.isEmpty()) {
            ready.complete(null);
        } else {
            socket.sendText(onReady.get(), true).whenComplete((sent, failure) -> {
                if (failure == null) {
                    ready.complete(null);
                } else {
                    ready.completeExceptionally(failure);
                }
            });
        }
    }

    @Override
    public CompletionStage<?> onClose(WebSocket socket, int code, String reason) {
        open = false;
        stats.closed(code);
        ready.completeExceptionally(new IllegalStateException("closed by the server: " + code + " " + reason));
        return null;
    }

    @Override
    public void onError(WebSocket socket, Throwable error) {
        open = false;
        stats.closed(1006);
        ready.completeExceptionally(error);
    }

    static long nowMicros() {
        Instant now = Instant.now();
        return now.getEpochSecond() * 1_000_000 + now.getNano() / 1_000;
    }
}
