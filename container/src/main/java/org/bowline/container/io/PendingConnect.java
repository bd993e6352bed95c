package org.bowline.container.io;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.SelectionKey;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Future;

/** A non-blocking connect in progress; becomes a {@link NioConnection} on success. */
final class PendingConnect implements Selectable {

    private final SocketChannel channel;
    private final InetSocketAddress address;
    private final SelectorLoop loop;
    private final NioReactor reactor;
    private final CompletableFuture<Connection> future;
    private volatile Future<?> timeout;

    PendingConnect(SocketChannel channel, InetSocketAddress address, SelectorLoop loop, NioReactor reactor,
                   CompletableFuture<Connection> future) {
        this.channel = channel;
        this.address = address;
        this.loop = loop;
        this.reactor = reactor;
        this.future = future;
    }

    void timeoutAfter(long millis) {
        timeout = reactor.schedule(() -> {
            if (future.completeExceptionally(new SocketTimeoutException(
                    "connect to " + address + " timed out after " + millis + " ms"))) {
                loop.run(() -> NioAcceptor.closeQuietly(channel));
            }
        }, millis, java.util.concurrent.TimeUnit.MILLISECONDS);
    }

    /** Starts connecting; loop thread only. */
    void start() {
        try {
            if (channel.connect(address)) {
                connected(channel.register(loop.selector(), 0, this));
            } else {
                channel.register(loop.selector(), SelectionKey.OP_CONNECT, this);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    @Override
    public void ready(SelectionKey key) {
        if (!key.isValid() || !key.isConnectable()) {
            return;
        }
        try {
            if (channel.finishConnect()) {
                connected(key);
            }
        } catch (IOException | RuntimeException e) {
            fail(e);
        }
    }

    private void connected(SelectionKey key) {
        cancelTimeout();
        NioConnection c = new NioConnection(channel, loop, reactor);
        c.attach(key);
        if (!future.complete(c)) {
            c.abort();   // timed out or cancelled meanwhile
        }
    }

    private void fail(Exception cause) {
        cancelTimeout();
        NioAcceptor.closeQuietly(channel);
        String detail = cause.getMessage() != null ? cause.getMessage() : cause.getClass().getSimpleName();
        ConnectException e = new ConnectException("connect to " + address + " failed: " + detail);
        e.initCause(cause);
        future.completeExceptionally(e);
    }

    private void cancelTimeout() {
        Future<?> t = timeout;
        if (t != null) {
            t.cancel(false);
        }
    }

    @Override
    public void failed(Throwable cause) {
        fail(cause instanceof Exception ? (Exception) cause : new IOException(cause));
    }

    @Override
    public void reactorClosed() {
        cancelTimeout();
        NioAcceptor.closeQuietly(channel);
        future.completeExceptionally(new IOException("reactor closed before connecting to " + address));
    }
}
