package org.bowline.container.session;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicReference;

import org.bowline.container.extension.MessageDeflater;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.MaskKeys;
import org.bowline.container.frame.Masker;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.Utf8Encoder;
import org.bowline.container.io.BufferPool;
import org.bowline.container.io.Callbacks;
import org.bowline.container.io.Connection;
import org.bowline.container.io.TickTimer;
import org.bowline.container.io.WriteCallback;

/**
 * Puts frames on a connection: compression for data messages, masking in the client role, and
 * header plus payload in one write.
 *
 * <p>A frame borrows a direct buffer from {@link BufferPool#FRAMES} for as long as the connection holds it
 * and gives it back when the write completes or fails, so an idle session holds no buffer and a busy one
 * allocates nothing per frame: header and payload (masked in the client role, UTF-8 encoded straight from
 * the String for text) go into that one buffer. Only a server frame above {@link #COPY_LIMIT} keeps the
 * caller's payload as a second buffer of a gathered write instead of copying it.
 *
 * <p>Synchronized so the deflate context sees messages in exactly the order their frames are
 * queued. The connection's write never waits for the peer, but it may copy what the socket takes before it
 * returns (a big message to a peer that keeps reading: all of it), and the monitor is held over that too;
 * so pongs, which the I/O thread sends, do not take it ({@link #sendPong}).
 * Callers order whole messages among themselves (see {@link SendGate}); control frames may
 * come between the fragments of a data message, as RFC 6455 section 5.4 allows.
 *
 * <p><b>Held replies.</b> While the session's callback thread works through a burst of received messages, the
 * data frames it sends are held and leave together in one gathered write: a callback with more callbacks
 * waiting behind it has its frames held; the last one's first frame leaves at once, together with everything
 * held ({@link #holdWrites}, {@link #flushHeldWrites}, called by {@link SerialExecutor}). So a burst of
 * replies costs one system call instead of one each, and nothing waits for work that has not arrived. What a
 * callback sends after that first frame (a callback pushing many messages) is held again and leaves in
 * batches, the last of them when the callback returns. A long burst's replies leave every
 * {@link #MAX_HELD_CALLBACKS} callbacks, so the peer can start on the first ones while the rest are worked
 * on. A callback that blocks or works long does not keep what is held: that leaves on the connection's next
 * timer tick, at most {@link TickTimer#TICK_MICROS} µs after it was held. A held frame is entirely in a
 * buffer the sender owns, so its caller hears "sent" at once, as it would once the bytes are in the socket's
 * buffer. Every other send (another thread's, a control frame, a payload kept by reference) flushes what is
 * held first, so frames leave in the order they were sent; {@code flushBatch()} and turning batching off
 * flush it too.
 */
final class FrameSender implements SerialExecutor.ReplyBatching {

    /** At most this many frames are held for one write (the connection gathers up to 128 buffers a call). */
    static final int MAX_HELD_FRAMES = 32;
    /**
     * Frames held from this many callbacks leave before the next callback runs: the peer gets a long burst's
     * first replies while the rest are worked on, so over one connection both ends work at once instead of
     * in turn. A callback that pushes many frames still has them leave {@link #MAX_HELD_FRAMES} at a time.
     */
    static final int MAX_HELD_CALLBACKS = 8;
    /** Held bytes past which the held frames leave at once: a burst of big replies gains nothing from waiting. */
    static final int MAX_HELD_BYTES = 64 * 1024;

    /**
     * Server payloads up to this size are copied behind their header: one buffer, one system call, and the
     * JDK need not copy a heap payload into its own temporary direct buffer. Above it the copy costs more
     * than a second buffer in the gathered write.
     */
    static final int COPY_LIMIT = 64 * 1024;

    /** Text up to this many chars is encoded straight into the frame (at most 3 bytes a char: 192 KiB). */
    static final int DIRECT_TEXT_CHARS = 64 * 1024;

    private final Connection connection;
    private final boolean mask;
    private final MessageDeflater deflater;
    private final MaskKeys maskKeys;
    private final BufferPool pool;
    /** A finished frame kept for the next send: with one frame in flight at a time, the only one ever made. */
    private final AtomicReference<OutFrame> spare = new AtomicReference<>();

    private boolean inMessage;
    private boolean compressingMessage;
    /** The thread whose data frames are held (see the class comment), or null. */
    private Thread holder;
    /**
     * The holder runs the last callback waiting and has not sent yet: its next frame leaves at once, with
     * what is held; the ones after it are held again.
     */
    private boolean releaseOnNextFrame;
    /** The frames held so far, or null when none are. */
    private HeldFrames held;
    /** A batch whose write completed, for the next one. */
    private final AtomicReference<HeldFrames> spareHeld = new AtomicReference<>();

    FrameSender(Connection connection, boolean mask, MessageDeflater deflaterOrNull) {
        this(connection, mask, deflaterOrNull, BufferPool.FRAMES);
    }

    FrameSender(Connection connection, boolean mask, MessageDeflater deflaterOrNull, BufferPool pool) {
        this.connection = connection;
        this.mask = mask;
        this.deflater = deflaterOrNull;
        this.maskKeys = mask ? new MaskKeys() : null;
        this.pool = pool;
    }

    /**
     * Sends one fragment of a data message ({@code last} ends it). The payload's position is not
     * changed; its bytes must stay untouched until the callback.
     */
    synchronized void sendData(boolean text, ByteBuffer payload, boolean last, WriteCallback callback) {
        int opcode = nextOpcode(text);
        if (compressingMessage) {
            ByteBuffer body = deflater.deflate(payload.duplicate(), last);
            inMessage = !last;
            write(last, rsvOf(opcode), opcode, body, body.position(), body.remaining(), callback, true);
        } else {
            inMessage = !last;
            write(last, 0, opcode, payload, payload.position(), payload.remaining(), callback, true);
        }
    }

    /**
     * Sends one fragment of a text message, encoding it to UTF-8 straight into the frame's buffer (as
     * {@code String.getBytes(UTF_8)} would: an unpaired surrogate becomes {@code '?'}).
     */
    synchronized void sendText(CharSequence text, boolean last, WriteCallback callback) {
        if (deflater != null || text.length() > DIRECT_TEXT_CHARS) {
            sendData(true, ByteBuffer.wrap(text.toString().getBytes(StandardCharsets.UTF_8)), last, callback);
            return;
        }
        int opcode = nextOpcode(true);
        inMessage = !last;
        // Encoded behind room for the longest header; the header then goes right in front of the payload.
        int reserve = FrameWriter.MAX_HEADER_LENGTH;
        ByteBuffer frame = pool.acquire(reserve + text.length() * Utf8Encoder.MAX_BYTES_PER_CHAR);
        int end = Utf8Encoder.encode(text, frame, reserve);
        int length = end - reserve;
        int start = reserve - FrameWriter.headerLength(length, mask);
        int key = mask ? maskKeys.next() : 0;
        frame.limit(end).position(start);
        FrameWriter.writeHeader(frame, last, 0, opcode, length, mask, key);
        if (mask) {
            Masker.maskInPlace(frame, key, 0);   // [reserve, end): the payload
        }
        frame.position(start);
        emit(frame, true, callback);
    }

    /** Sends a control frame; the payload (at most 125 bytes) is copied. */
    synchronized void sendControl(int opcode, ByteBuffer payload, WriteCallback callback) {
        // Never held: a control frame is due now, and a close frame must be out before the connection closes.
        write(true, 0, opcode, payload, payload.position(), payload.remaining(), callback, false);
    }

    /**
     * Sends a pong now, without this sender's monitor: the I/O thread answers pings, and must not wait while
     * another thread holds the monitor over a big message's write (see the class comment), or every
     * connection of its loop waits too. A pong may go between any two frames (RFC 6455 section 5.4), and the
     * connection keeps each write whole; held frames stay held, since their callers were already told they
     * were sent and a pong may overtake them. The session sends pongs and its close frame under its own lock,
     * so no pong follows the close. The payload (at most 125 bytes) is copied.
     */
    void sendPong(ByteBuffer payload, WriteCallback callback) {
        int length = payload.remaining();
        int headerLength = FrameWriter.headerLength(length, mask);
        take().send(frame(true, 0, Opcode.PONG, payload, payload.position(), length, headerLength), null, callback);
    }

    /**
     * The calling thread is about to run a callback. With more waiting behind it, the data frames it sends
     * are held; otherwise its next one leaves at once, together with what is held (see the class comment).
     */
    @Override
    public synchronized void holdWrites(boolean moreWaiting) {
        holder = Thread.currentThread();
        releaseOnNextFrame = !moreWaiting;
        HeldFrames h = held;
        if (h != null && ++h.callbacks > MAX_HELD_CALLBACKS) {
            flushHeld();
        }
    }

    /** Writes what is held, in one gathered write, and stops holding. */
    @Override
    public synchronized void flushHeldWrites() {
        holder = null;
        flushHeld();
    }

    /** Writes what is held now (flushBatch); the holding goes on. */
    synchronized void flush() {
        flushHeld();
    }

    /** Whether a fragmented message is unfinished on the wire. */
    synchronized boolean inMessage() {
        return inMessage;
    }

    private int nextOpcode(boolean text) {
        if (inMessage) {
            return Opcode.CONTINUATION;
        }
        compressingMessage = deflater != null;
        return text ? Opcode.TEXT : Opcode.BINARY;
    }

    private int rsvOf(int opcode) {
        // RSV1 marks a compressed message on its first frame only (RFC 7692 section 6).
        return opcode == Opcode.CONTINUATION ? 0 : FrameHeader.RSV1;
    }

    /** Frames {@code length} bytes of body from {@code from} (body's position is neither used nor changed). */
    private void write(boolean fin, int rsv, int opcode, ByteBuffer body, int from, int length, WriteCallback callback,
                       boolean mayHold) {
        int headerLength = FrameWriter.headerLength(length, mask);
        if (!mask && length > COPY_LIMIT) {
            ByteBuffer header = pool.acquire(headerLength);
            FrameWriter.writeHeader(header, fin, rsv, opcode, length, false, 0);
            header.flip();
            // The payload stays the caller's until the write completes: this frame cannot be held.
            flushHeld();
            take().send(header, body.duplicate().limit(from + length).position(from), callback);
            return;
        }
        emit(frame(fin, rsv, opcode, body, from, length, headerLength), mayHold, callback);
    }

    /**
     * A whole frame in a buffer of its own: header, then the payload copied (masked in the client role).
     * Touches none of the state the monitor guards (the pool and the mask keys are thread-safe).
     */
    private ByteBuffer frame(boolean fin, int rsv, int opcode, ByteBuffer body, int from, int length, int headerLength) {
        ByteBuffer frame = headerLength + (long) length <= BufferPool.MAX_POOLED
                ? pool.acquire(headerLength + length)
                // The client must mask a copy whatever its size; one this big is not worth keeping.
                : ByteBuffer.allocate(headerLength + length);
        int key = mask ? maskKeys.next() : 0;
        FrameWriter.writeHeader(frame, fin, rsv, opcode, length, mask, key);
        if (mask) {
            Masker.maskCopy(body, from, frame, headerLength, length, key, 0);
        } else {
            frame.put(headerLength, body, from, length);
        }
        return frame.limit(headerLength + length).position(0);
    }

    /**
     * Sends a finished frame whose buffer this sender owns: held when the calling thread's frames are held
     * (its caller hears "sent" now), else written after whatever is held.
     */
    private void emit(ByteBuffer frame, boolean mayHold, WriteCallback callback) {
        if (mayHold && holder == Thread.currentThread()) {
            HeldFrames h = held;
            if (releaseOnNextFrame) {
                // Only the first: a reply must not wait for the callback to end, while a callback that goes on
                // sending is pushing a stream, whose frames gain from leaving together.
                releaseOnNextFrame = false;
                if (h == null) {
                    take().send(frame, null, callback);   // nothing to go with: an ordinary write
                    return;
                }
                h.add(frame);
                flushHeld();
            } else {
                if (h == null) {
                    h = spareHeld.getAndSet(null);
                    held = h = h != null ? h : new HeldFrames();
                    connection.runOnNextTick(h);   // the bound on how long it waits, whatever the callback does
                }
                if (h.add(frame)) {
                    flushHeld();
                }
            }
            Callbacks.completed(callback);
            return;
        }
        flushHeld();
        take().send(frame, null, callback);
    }

    private void flushHeld() {
        HeldFrames h = held;
        if (h != null) {
            held = null;
            h.send();
        }
    }

    private OutFrame take() {
        OutFrame f = spare.getAndSet(null);
        return f != null ? f : new OutFrame();
    }

    void release() {
        synchronized (this) {
            holder = null;
            flushHeld();   // fails (and so gives the buffers back) if the connection is gone
            if (deflater != null) {
                deflater.close();
            }
        }
    }

    /**
     * Frames held for one gathered write, whose buffers go back to the pool when it completes. Its
     * callers have already been told their frames were sent.
     */
    private final class HeldFrames extends TickTimer.Task implements WriteCallback {
        private final ByteBuffer[] frames = new ByteBuffer[MAX_HELD_FRAMES];
        private int count;
        private long bytes;
        /** The callbacks that have run (or are running) since the first frame was held. */
        private int callbacks = 1;

        /** Adds a frame; true when the batch is full and must leave now. */
        boolean add(ByteBuffer frame) {
            frames[count++] = frame;
            bytes += frame.remaining();
            return count == MAX_HELD_FRAMES || bytes >= MAX_HELD_BYTES;
        }

        void send() {
            // The connection writes the whole array: it gets one of exactly the frames held.
            connection.write(count == MAX_HELD_FRAMES ? frames.clone() : Arrays.copyOf(frames, count), this);
        }

        /** The timer's bound: if this batch is still held, it leaves now. */
        @Override
        protected void onTick() {
            synchronized (FrameSender.this) {
                if (held == this) {
                    flushHeld();
                }
            }
        }

        @Override
        public void completed() {
            recycle();
        }

        @Override
        public void failed(IOException cause) {
            // Whoever sent these frames was told they were sent; the session hears of the failed
            // connection through its close.
            recycle();
        }

        private void recycle() {
            if (count == 0) {
                return;   // a second completion of the same write: the buffers are back already
            }
            for (int i = 0; i < count; i++) {
                pool.release(frames[i]);
                frames[i] = null;
            }
            count = 0;
            bytes = 0;
            callbacks = 1;
            spareHeld.set(this);
        }
    }

    /**
     * One frame in flight: the buffer it borrowed, the array the connection is given, and the caller's
     * callback. Completion (on whatever thread the connection uses) gives the buffer back to the pool and
     * the frame back to its sender before the caller hears of it, so the caller's next send finds both free.
     */
    private final class OutFrame implements WriteCallback {
        private final ByteBuffer[] one = new ByteBuffer[1];
        private final ByteBuffer[] two = new ByteBuffer[2];
        private ByteBuffer borrowed;
        private WriteCallback target;

        /** Writes {@code first} (borrowed from the pool) and, when not null, {@code second} (the caller's). */
        void send(ByteBuffer first, ByteBuffer second, WriteCallback callback) {
            borrowed = first;
            target = callback;
            ByteBuffer[] buffers;
            if (second == null) {
                buffers = one;
                one[0] = first;
            } else {
                buffers = two;
                two[0] = first;
                two[1] = second;
            }
            connection.write(buffers, this);
        }

        @Override
        public void completed() {
            ByteBuffer b = borrowed;
            WriteCallback t = target;
            if (recycle(b) && t != null) {
                t.completed();
            }
        }

        @Override
        public void failed(IOException cause) {
            ByteBuffer b = borrowed;
            WriteCallback t = target;
            if (recycle(b) && t != null) {
                t.failed(cause);
            }
        }

        /**
         * Gives the buffer and this frame back; false when they were already given back: a second completion
         * of the same write (before the frame is used again) must not put one buffer in the pool twice, where
         * two later frames would share it.
         */
        private boolean recycle(ByteBuffer b) {
            if (b == null) {
                return false;
            }
            target = null;
            borrowed = null;
            one[0] = null;
            two[0] = null;
            two[1] = null;
            pool.release(b);
            spare.set(this);
            return true;
        }
    }
}
