package org.bowline.container.io;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A transport that runs a test's hook each time its handler's onData has returned, so a test can act once
 * the connection above it (TLS) has finished with a read, instead of guessing with a sleep. It can also run
 * a hook just before the next resumeReading reaches the wrapped connection (to put another thread's call in
 * between), and tells which of suspendReading and resumeReading it was asked last. Everything else goes
 * straight to the wrapped connection.
 */
final class ReadWatchingConnection implements Connection {

    private final Connection inner;
    private volatile Runnable afterOnData = () -> { };
    private final AtomicReference<Runnable> beforeNextResume = new AtomicReference<>();
    private volatile boolean readingSuspended;

    ReadWatchingConnection(Connection inner) {
        this.inner = inner;
    }

    /** Runs on the transport's delivering thread after each onData, before it reads again. */
    void afterOnData(Runnable hook) {
        afterOnData = hook;
    }

    /** Runs once, on the caller's thread, when resumeReading is next called, before it reaches the transport. */
    void beforeNextResume(Runnable hook) {
        beforeNextResume.set(hook);
    }

    /** Whether the last call about reading was suspendReading: the wrapped transport then reads no more. */
    boolean readingSuspended() {
        return readingSuspended;
    }

    @Override
    public void setHandler(ConnectionHandler handler) {
        inner.setHandler(new ConnectionHandler() {
            @Override
            public void onData(ByteBuffer data) {
                handler.onData(data);
                afterOnData.run();
            }

            @Override
            public void onClosed(IOException cause) {
                handler.onClosed(cause);
            }

            @Override
            public void onWritable() {
                handler.onWritable();
            }
        });
    }

    @Override
    public void write(ByteBuffer[] buffers, WriteCallback callback) {
        inner.write(buffers, callback);
    }

    @Override
    public long queuedBytes() {
        return inner.queuedBytes();
    }

    @Override
    public void suspendReading() {
        readingSuspended = true;
        inner.suspendReading();
    }

    @Override
    public void resumeReading() {
        Runnable hook = beforeNextResume.getAndSet(null);
        if (hook != null) {
            hook.run();
        }
        readingSuspended = false;
        inner.resumeReading();
    }

    @Override
    public void close() {
        inner.close();
    }

    @Override
    public void abort() {
        inner.abort();
    }

    @Override
    public boolean isOpen() {
        return inner.isOpen();
    }

    @Override
    public boolean isSecure() {
        return inner.isSecure();
    }

    @Override
    public InetSocketAddress localAddress() {
        return inner.localAddress();
    }

    @Override
    public InetSocketAddress remoteAddress() {
        return inner.remoteAddress();
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
        return inner.schedule(task, delay, unit);
    }
}
