package org.bowline.container.session;

import java.nio.ByteBuffer;

import org.bowline.container.extension.MessageDeflater;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.MaskKeys;
import org.bowline.container.frame.Masker;
import org.bowline.container.frame.Opcode;
import org.bowline.container.io.Connection;
import org.bowline.container.io.WriteCallback;

/**
 * Puts frames on a connection: compression for data messages, masking in the client role, and
 * header plus payload in one gathered write.
 *
 * <p>Synchronized so the deflate context sees messages in exactly the order their frames are
 * queued; the connection's write never blocks, so the monitor is held only for the encoding.
 * Callers order whole messages among themselves (see {@link SendGate}); control frames may
 * come between the fragments of a data message, as RFC 6455 section 5.4 allows.
 */
final class FrameSender {

    /** Below this, copying the payload behind the header is cheaper than a second buffer. */
    private static final int COPY_THRESHOLD = 1024;

    private final Connection connection;
    private final boolean mask;
    private final MessageDeflater deflater;
    private final MaskKeys maskKeys;

    private boolean inMessage;
    private boolean compressingMessage;

    FrameSender(Connection connection, boolean mask, MessageDeflater deflaterOrNull) {
        this.connection = connection;
        this.mask = mask;
        this.deflater = deflaterOrNull;
        this.maskKeys = mask ? new MaskKeys() : null;
    }

    /**
     * Sends one fragment of a data message ({@code last} ends it). The payload's position is not
     * changed; its bytes must stay untouched until the callback.
     */
    synchronized void sendData(boolean text, ByteBuffer payload, boolean last, WriteCallback callback) {
        int opcode = inMessage ? Opcode.CONTINUATION : (text ? Opcode.TEXT : Opcode.BINARY);
        int rsv = 0;
        ByteBuffer body = payload.duplicate();
        if (!inMessage) {
            compressingMessage = deflater != null;
            if (compressingMessage) {
                rsv = FrameHeader.RSV1;
            }
        }
        if (compressingMessage) {
            body = deflater.deflate(body, last);
        }
        inMessage = !last;
        write(last, rsv, opcode, body, callback);
    }

    /** Sends a control frame; the payload (at most 125 bytes) is copied. */
    synchronized void sendControl(int opcode, ByteBuffer payload, WriteCallback callback) {
        write(true, 0, opcode, payload.duplicate(), callback);
    }

    /** Whether a fragmented message is unfinished on the wire. */
    synchronized boolean inMessage() {
        return inMessage;
    }

    private void write(boolean fin, int rsv, int opcode, ByteBuffer body, WriteCallback callback) {
        int length = body.remaining();
        int headerLength = FrameWriter.headerLength(length, mask);
        if (mask) {
            // The client must never mask in the application's buffer: mask into our own copy.
            int key = maskKeys.next();
            ByteBuffer frame = ByteBuffer.allocate(headerLength + length);
            FrameWriter.writeHeader(frame, fin, rsv, opcode, length, true, key);
            Masker.maskInto(body, frame, key, 0);
            frame.flip();
            connection.write(new ByteBuffer[] {frame}, callback);
        } else if (length <= COPY_THRESHOLD) {
            ByteBuffer frame = ByteBuffer.allocate(headerLength + length);
            FrameWriter.writeHeader(frame, fin, rsv, opcode, length, false, 0);
            frame.put(body).flip();
            connection.write(new ByteBuffer[] {frame}, callback);
        } else {
            ByteBuffer header = ByteBuffer.allocate(headerLength);
            FrameWriter.writeHeader(header, fin, rsv, opcode, length, false, 0);
            header.flip();
            connection.write(new ByteBuffer[] {header, body}, callback);
        }
    }

    void release() {
        if (deflater != null) {
            synchronized (this) {
                deflater.close();
            }
        }
    }
}
