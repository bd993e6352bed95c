package org.bowline.container.session;

import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.util.concurrent.Executor;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.SendHandler;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

import org.bowline.container.frame.Opcode;
import org.bowline.container.io.Connection;
import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.WriteCallback;

/**
 * The sending half of a session: message ordering between threads, the outbound byte limit,
 * send timeouts, and turning write completions into what blocking and async callers expect.
 *
 * <p>The outbound rule: a message may be queued when this session's queue is empty (so one message
 * larger than the limit still goes out, alone), or when it fits under the session's limit and the
 * server's {@link QueueBudget} is not used up. Otherwise a blocking send waits (up to the send timeout)
 * and an async send fails at once with an {@link IOException} that says which limit was hit. Control
 * frames the engine owes the peer (pongs, close) are never refused but count like any other bytes; they
 * are bounded where they are made ({@link PongQueue}: a few pongs, then one close frame).
 *
 * <p>The outbound queue never stops the session reading from its peer: two peers that each send a message
 * past their limit at once would each wait for the other to read. What a peer that does not read can make
 * the session hold is bounded without it: a blocking send waits (and while the session's callback thread
 * waits, received messages pile into the inbound backlog, whose limit does stop reading), an async send
 * fails, and engine output is bounded as above.
 */
final class Outbound {

    private final Session session;
    private final Connection connection;
    private final FrameSender sender;
    private final Executor callbackExecutor;
    private final SendGate gate = new SendGate();
    private final long maxQueuedBytes;
    private volatile long sendTimeoutMillis;
    private final Events events;
    private final QueueBudget budget;
    /** The session's lifecycle: whether data may still be sent, and if not why. */
    private final SessionState state;
    /** The waiter of the last blocking send that completed, for the next one (see {@link BlockingWrite}). */
    private final AtomicReference<BlockingWrite> spareWrite = new AtomicReference<>();

    /** What the session hears from its sending half. */
    interface Events {
        /** On every send, so the idle timeout counts writes as activity too. */
        void activity();
    }

    Outbound(Session session, SessionState state, Connection connection, FrameSender sender, Executor callbackExecutor,
             long maxQueuedBytes, long sendTimeoutMillis, Events events) {
        this.state = state;
        this.events = events;
        this.budget = connection.budget();
        this.session = session;
        this.connection = connection;
        this.sender = sender;
        this.callbackExecutor = callbackExecutor;
        this.maxQueuedBytes = maxQueuedBytes;
        this.sendTimeoutMillis = sendTimeoutMillis;
    }

    long sendTimeoutMillis() {
        return sendTimeoutMillis;
    }

    void setSendTimeoutMillis(long millis) {
        this.sendTimeoutMillis = millis;
    }

    long maxQueuedBytes() {
        return maxQueuedBytes;
    }

    /** Blocking whole message: returns once its bytes are written to the transport. */
    void sendBlocking(boolean text, ByteBuffer payload) throws IOException {
        checkOpen();
        long timeout = sendTimeoutMillis;
        awaitRoom(payload.remaining(), timeout);
        BlockingWrite sent = BlockingWrite.take(spareWrite);
        gate.enterWhole(timeout);
        try {
            checkOpen();
            sender.sendData(text, payload, true, sent);
        } finally {
            gate.exitWhole();
        }
        sent.await(timeout);
        sent.giveBack(spareWrite);
    }

    /**
     * Blocking whole text message, encoded straight into its frame. Its length in chars stands for its size
     * in the outbound limit's check (UTF-8 takes at least one byte a char; the queue counts the exact bytes).
     */
    void sendTextBlocking(String text) throws IOException {
        checkOpen();
        long timeout = sendTimeoutMillis;
        awaitRoom(text.length(), timeout);
        BlockingWrite sent = BlockingWrite.take(spareWrite);
        gate.enterWhole(timeout);
        try {
            checkOpen();
            sender.sendText(text, true, sent);
        } finally {
            gate.exitWhole();
        }
        sent.await(timeout);
        sent.giveBack(spareWrite);
    }

    /** Blocking partial message part. */
    void sendPartBlocking(boolean text, ByteBuffer payload, boolean last) throws IOException {
        checkOpen();
        long timeout = sendTimeoutMillis;
        awaitRoom(payload.remaining(), timeout);
        SendFuture sent = new SendFuture();
        gate.part(text, last, timeout, () -> {
            checkOpen();
            sender.sendData(text, payload, last, sent);
        });
        sent.awaitSent(timeout);
    }

    /** A send stream or writer is about to send its first fragment. */
    void checkCanBeginMessage() {
        gate.checkNotInsideOwnMessage();
    }

    /**
     * Async whole message; the result reaches the Future or SendHandler, never the caller's stack. The send
     * timeout runs from when the frame is handed to the transport and only if it has not been written by then
     * (most are written at once: no timer at all). Counting from the call instead would let a cold first
     * send, still loading classes, time out a short timeout before a byte is written.
     */
    Future<Void> sendAsync(boolean text, ByteBuffer payload, SendHandler handler) {
        SendFuture target = new SendFuture();
        try {
            checkOpen();
            String full = noRoomFor(payload.remaining());
            if (full != null) {
                throw new IOException("Outbound queue full: " + full);
            }
            long timeout = sendTimeoutMillis;
            AsyncWrite write = new AsyncWrite(target, handler);
            gate.whole(timeout, () -> {
                checkOpen();
                sender.sendData(text, payload, true, write);
            });
            if (timeout > 0 && !target.isDone()) {
                write.startTimer(timeout);
            }
            } catch (IOException | RuntimeException e) {
            finish(target, handler, e);
        }
        return target;
    }

    /** An async send's write: completes its Future and handler, and owns its send timer once one is started. */
    private final class AsyncWrite implements WriteCallback {
        private final SendFuture target;
        private final SendHandler handler;
        private volatile ScheduledFuture<?> timer;

        AsyncWrite(SendFuture target, SendHandler handler) {
            this.target = target;
            this.handler = handler;
        }

        void startTimer(long timeout) {
            timer = connection.schedule(() -> timeOut(target, handler, timeout), timeout, TimeUnit.MILLISECONDS);
            if (target.isDone()) {
                cancel(timer);   // the write completed while the timer was being set
            }
        }

        @Override
        public void completed() {
            cancel(timer);
            finish(target, handler, null);
        }

        @Override
        public void failed(IOException cause) {
            cancel(timer);
            finish(target, handler, cause);
        }
    }

    /** An async send that failed before anything was queued (an encoder error, say). */
    Future<Void> failAsync(Throwable failure, SendHandler handler) {
        SendFuture target = new SendFuture();
        finish(target, handler, failure);
        return target;
    }

    private void timeOut(SendFuture target, SendHandler handler, long timeout) {
        if (!target.isDone()) {
            // Part of the message may already be on the wire: the stream cannot go on after it.
            connection.abort();
            finish(target, handler, new SocketTimeoutException("Async send did not complete within " + timeout + " ms"));
        }
    }

    private static void cancel(ScheduledFuture<?> timer) {
        if (timer != null) {
            timer.cancel(false);
        }
    }

    private void finish(SendFuture target, SendHandler handler, Throwable failure) {
        if (!target.complete(failure)) {
            return;
        }
        if (handler != null) {
            SendResult result = failure == null ? new SendResult(session) : new SendResult(session, failure);
            callbackExecutor.execute(() -> handler.onResult(result));
        }
    }

    /** Application ping or pong: control frames, allowed between the fragments of a message. */
    void sendControlBlocking(int opcode, ByteBuffer payload) throws IOException {
        if (payload != null && payload.remaining() > 125) {
            throw new IllegalArgumentException((opcode == Opcode.PING ? "Ping" : "Pong")
                    + " payload must be at most 125 bytes, was " + payload.remaining());
        }
        checkOpen();
        SendFuture sent = new SendFuture();
        sender.sendControl(opcode, payload == null ? ByteBuffer.allocate(0) : payload, sent);
        sent.awaitSent(sendTimeoutMillis);
    }

    /** A control frame the engine owes the peer (its close); it is not the application's to wait for. */
    void sendControlNow(int opcode, ByteBuffer payload) {
        sender.sendControl(opcode, payload, null);
    }

    /**
     * The pong the engine owes a ping, telling {@code written} when it is written (or failed); sent without
     * waiting for another thread's write (see {@link FrameSender#sendPong}).
     */
    void sendPong(ByteBuffer payload, WriteCallback written) {
        sender.sendPong(payload, written);
    }

    /** Null when a message of {@code size} bytes may be queued now, else why not (see the class comment). */
    private String noRoomFor(long size) {
        long queued = connection.queuedBytes();
        if (queued == 0) {
            return null;
        }
        if (queued + size > maxQueuedBytes) {
            return queued + " bytes are already queued for this session and " + size + " more would pass its"
                    + " outbound limit of " + maxQueuedBytes + " bytes; the peer is not reading fast enough";
        }
        if (budget.exceeded()) {
            return queued + " bytes are already queued for this session and the server's queue budget of "
                    + budget.limit() + " bytes is used up (" + budget.heldBytes() + " held)";
        }
        return null;
    }

    private void awaitRoom(long size, long timeoutMillis) throws IOException {
        if (noRoomFor(size) == null) {
            return;
        }
        long deadline = timeoutMillis > 0 ? System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis) : 0;
        // Waiters wait on this object itself (no one else locks it): an idle session holds no extra monitor.
        synchronized (this) {
            String full;
            while ((full = noRoomFor(size)) != null) {
                checkOpen();
                // Drains below the water marks are not announced: poll now and then as well.
                long waitMillis = 50;
                if (deadline != 0) {
                    long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                    if (left <= 0) {
                        throw new SocketTimeoutException("Timed out after " + timeoutMillis + " ms waiting for the peer"
                                + " to read: " + full);
                    }
                    waitMillis = Math.min(waitMillis, left);
                }
                try {
                    wait(waitMillis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new IOException("Interrupted while waiting for the peer to read", e);
                }
            }
        }
    }

    /** The transport drained: senders waiting for room may go on. */
    void onWritable() {
        synchronized (this) {
            notifyAll();
        }
    }

    /** No more data may be sent; waiting senders fail now rather than hang. */
    void close(String reason) {
        state.shutOutput(reason);
        gate.close(closedMessage(reason));
        onWritable();
    }

    boolean isClosed() {
        return state.outputShutReason() != null;
    }

    private void checkOpen() throws IOException {
        events.activity();
        String reason = state.outputShutReason();
        if (reason != null) {
            throw new IOException(closedMessage(reason));
        }
    }

    private String closedMessage(String reason) {
        return "The WebSocket session " + session.getId() + " is closed: " + reason;
    }

    /** Writes whatever replies the sender holds now. */
    void flush() {
        sender.flush();
    }

    void release() {
        sender.release();
    }
}
