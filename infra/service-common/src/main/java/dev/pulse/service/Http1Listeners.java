package dev.pulse.service;

import io.helidon.common.buffers.BufferData;
import io.helidon.http.Headers;
import io.helidon.http.HttpPrologue;
import io.helidon.http.Status;
import io.helidon.webserver.ConnectionContext;
import io.helidon.webserver.http1.Http1ConnectionListener;
import java.util.List;

/**
 * Several HTTP/1 connection listeners as one, in order. Helidon's own composite (used whenever a config has more than
 * one receive or send listener) forwards nothing in 4.3.1 and 4.5, so a second listener would silently disable the
 * first; registering this one alone keeps all of them, Helidon's logging listener included.
 */
final class Http1Listeners implements Http1ConnectionListener {

    private final List<Http1ConnectionListener> listeners;

    Http1Listeners(List<Http1ConnectionListener> listeners) {
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void prologue(ConnectionContext ctx, HttpPrologue prologue) {
        listeners.forEach(listener -> listener.prologue(ctx, prologue));
    }

    @Override
    public void headers(ConnectionContext ctx, Headers headers) {
        listeners.forEach(listener -> listener.headers(ctx, headers));
    }

    @Override
    public void status(ConnectionContext ctx, Status status) {
        listeners.forEach(listener -> listener.status(ctx, status));
    }

    @Override
    public void data(ConnectionContext ctx, BufferData data) {
        listeners.forEach(listener -> listener.data(ctx, data));
    }

    @Override
    public void data(ConnectionContext ctx, byte[] bytes, int position, int length) {
        listeners.forEach(listener -> listener.data(ctx, bytes, position, length));
    }
}
