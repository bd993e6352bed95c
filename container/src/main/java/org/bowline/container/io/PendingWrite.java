package org.bowline.container.io;

import java.nio.ByteBuffer;

/**
 * A queued gathered write: the caller's buffers, consumed in place, and the callback that completes when
 * the last of their bytes has left. Transports keep these in their write queue.
 */
public final class PendingWrite {

    private final ByteBuffer[] buffers;
    private final WriteCallback callback;
    private int offset;

    public PendingWrite(ByteBuffer[] buffers, WriteCallback callback) {
        this.buffers = buffers;
        this.callback = callback;
        skipEmpty();
    }

    public ByteBuffer[] buffers() {
        return buffers;
    }

    /** Index of the first buffer with bytes left. */
    public int offset() {
        return offset;
    }

    /** The first buffer with bytes left; only while not {@link #isDone()}. */
    public ByteBuffer current() {
        return buffers[offset];
    }

    /** May be null. */
    public WriteCallback callback() {
        return callback;
    }

    public long remaining() {
        long n = 0;
        for (int i = offset; i < buffers.length; i++) {
            n += buffers[i].remaining();
        }
        return n;
    }

    /** Moves past the buffers that are empty now; call after writing from them. */
    public void skipEmpty() {
        while (offset < buffers.length && !buffers[offset].hasRemaining()) {
            offset++;
        }
    }

    public boolean isDone() {
        return offset == buffers.length;
    }
}
