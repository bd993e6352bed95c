package org.bowline.benchmarks.micro;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.WriteCallback;

/**
 * A connection with no transport behind it, for measuring the engine alone: {@link #deliver} hands
 * bytes to the session on the calling thread, and writes complete at once (their bytes counted,
 * then dropped).
 */
final class InlineConnection implements Connection {

    private static final ScheduledThreadPoolExecutor TIMERS = new ScheduledThreadPoolExecutor(1, r -> {
        Thread t = new Thread(r, "inline-connection-timer");
        t.setDaemon(true);
        return t;
    });
    private static final InetSocketAddress ADDRESS = new InetSocketAddress(InetAddress.getLoopbackAddress(), 1);

    private ConnectionHandler handler;
    private volatile boolean open = true;
    long writtenBytes;

    void deliver(ByteBuffer bytes) {
        handler.onData(bytes);
    }

    @Override
    public void setHandler(ConnectionHandler handler) {
        this.handler = handler;
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        if (!open) {
            if (callback != null) {
                callback.failed(new IOException("closed"));
            }
            return;
        }
        for (ByteBuffer b : buffers) {
            writtenBytes += b.remaining();
            b.position(b.limit());
        }
        if (callback != null) {
            callback.completed();
        }
    }

    @Override
    public long queuedBytes() {
        return 0;
    }

    @Override
    public void suspendReading() {
    }

    @Override
    public void resumeReading() {
    }

    @Override
    public void close() {
        abort();
    }

    @Override
    public void abort() {
        if (open) {
            open = false;
            handler.onClosed(null);
        }
    }

    @Override
    public boolean isOpen() {
        return open;
    }

    @Override
    public boolean isSecure() {
        return false;
    }

    @Override
    public InetSocketAddress localAddress() {
        return ADDRESS;
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return ADDRESS;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return TIMERS.schedule(task, delay, unit);
    }
}
