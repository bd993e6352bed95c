package org.bowline.container.io;

import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A bidirectional byte transport as the WebSocket engine sees it: incremental read callbacks, gathered
 * non-blocking writes with completion callbacks, a backpressure signal and close/abort. Implementations are
 * thread-safe: every method may be called from any thread.
 */
public interface Connection {

    /** Sets (or replaces, e.g. from inside onData when the handshake completes) the handler; the first call starts reading. */
    void setHandler(ConnectionHandler handler);

    /**
     * Queues the buffers' remaining bytes for writing in order (gathered write; never blocks, any thread). The
     * caller must not touch the buffers until the callback. Callback may be null. Callbacks may run on the I/O
     * thread: they must be quick. After close/abort, the callback fails with an IOException.
     *
     * <p>Never reports a close from inside the call: a failure it meets closes the connection, but the
     * handler hears {@code onClosed} from another thread. The caller may hold locks (a session's frame sender)
     * that {@code onClosed} takes, while another thread takes them in the other order.
     */
    void write(ByteBuffer[] buffers, WriteCallback callback);

    /** Bytes queued and not yet written to the socket (backpressure signal). */
    long queuedBytes();

    /**
     * Stops delivering onData until {@link #resumeReading()} (a socket stops selecting OP_READ, at the latest
     * once input comes); any thread. A read already under way on the transport's thread may deliver once more.
     */
    void suspendReading();

    /**
     * Undoes {@link #suspendReading()}; any thread. Input it lets in reaches {@code onData} from the transport's
     * own thread, never from inside this call: callers hold locks (a session's read interest) that onData's
     * work takes, while other threads take them in the other order.
     */
    void resumeReading();

    /** Flushes what is queued, then closes the socket (TLS: close_notify first). Idempotent. */
    void close();

    /** Closes now, dropping queued writes (their callbacks fail). Idempotent. */
    void abort();

    boolean isOpen();

    boolean isSecure();

    InetSocketAddress localAddress();

    InetSocketAddress remoteAddress();

    /** Timers for the engine (handshake deadline, idle, close timeouts). The task must be short and must not run application code. */
    ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit);

    /**
     * Runs the task once, at most about {@link TickTimer#TICK_MICROS} µs from now, on a timer thread (short,
     * no application code). For the many deadlines too short-lived for {@link #schedule}: transports on a
     * reactor share one {@link TickTimer}; the default schedules each task.
     */
    default void runOnNextTick(TickTimer.Task task) {
        schedule(task::runTick, TickTimer.TICK_MICROS, TimeUnit.MICROSECONDS);
    }

    /**
     * The server-wide budget this connection's queued bytes count against ({@link QueueBudget#NONE} when it
     * belongs to none); the session adds its inbound backlog to the same budget.
     */
    default QueueBudget budget() {
        return QueueBudget.NONE;
    }

    /**
     * The thresholds of this connection's {@code onWritable}: once {@link #queuedBytes()} is above
     * {@code high}, the handler hears {@code onWritable} when the queue next drains to {@code low}.
     */
    default WriteWaterMarks writeWaterMarks() {
        return WriteWaterMarks.DEFAULT;
    }

    /** SSLSession when secure, else null. */
    default javax.net.ssl.SSLSession sslSession() {
        return null;
    }
}
