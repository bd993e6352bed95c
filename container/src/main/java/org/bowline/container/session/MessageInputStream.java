package org.bowline.container.session;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;

/** The InputStream a {@code Whole<InputStream>} handler or a BinaryStream decoder reads a binary message with. */
final class MessageInputStream extends InputStream {

    private static final ByteBuffer EMPTY = ByteBuffer.allocate(0);

    private final InboundMessage message;
    private ByteBuffer current = EMPTY;
    private boolean ended;
    private boolean closed;

    MessageInputStream(InboundMessage message) {
        this.message = message;
    }

    @Override
    public int read() throws IOException {
        return fill() ? current.get() & 0xFF : -1;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        java.util.Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (!fill()) {
            return -1;
        }
        int n = Math.min(len, current.remaining());
        current.get(b, off, n);
        return n;
    }

    @Override
    public int available() {
        return current.remaining();
    }

    @Override
    public void close() {
        closed = true;
    }

    private boolean fill() throws IOException {
        if (closed) {
            throw new IOException("The message input stream is closed");
        }
        while (!current.hasRemaining()) {
            if (ended) {
                return false;
            }
            MessagePart part = message.next();
            if (part == null) {
                ended = true;
                return false;
            }
            current = (ByteBuffer) part.data();
        }
        return true;
    }
}
