package dev.pulse.service;

import io.helidon.common.socket.SocketOptions;
import java.net.Socket;
import java.net.SocketOption;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The listener's connection options, unchanged, plus a hand-over of every accepted socket to
 * {@link SlowRequestGuard}: Helidon calls {@link #configureSocket(Socket)} once per accepted socket and it is the
 * only place where the server's raw socket (and so its read timeout) can be reached.
 */
final class GuardedSocketOptions implements SocketOptions {

    private final SocketOptions delegate;
    private final SlowRequestGuard guard;

    GuardedSocketOptions(SocketOptions delegate, SlowRequestGuard guard) {
        this.delegate = delegate;
        this.guard = guard;
    }

    @Override
    public void configureSocket(Socket socket) {
        delegate.configureSocket(socket);
        guard.accepted(socket);
    }

    @Override
    public Map<SocketOption<?>, Object> socketOptions() {
        return delegate.socketOptions();
    }

    @Override
    public Duration connectTimeout() {
        return delegate.connectTimeout();
    }

    @Override
    public Duration readTimeout() {
        return delegate.readTimeout();
    }

    @Override
    public Optional<Integer> socketReceiveBufferSize() {
        return delegate.socketReceiveBufferSize();
    }

    @Override
    public Optional<Integer> socketSendBufferSize() {
        return delegate.socketSendBufferSize();
    }

    @Override
    public boolean socketReuseAddress() {
        return delegate.socketReuseAddress();
    }

    @Override
    public boolean socketKeepAlive() {
        return delegate.socketKeepAlive();
    }

    @Override
    public boolean tcpNoDelay() {
        return delegate.tcpNoDelay();
    }
}
