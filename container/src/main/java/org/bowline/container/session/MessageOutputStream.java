package org.bowline.container.session;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;

/**
 * {@code RemoteEndpoint.Basic.getSendStream()}: a binary message sent as fragments of up to the
 * buffer size, the last one on {@link #close()}.
 */
final class MessageOutputStream extends OutputStream {

    private static final int BUFFER = 8192;

    private final Outbound outbound;
    private final byte[] buffer = new byte[BUFFER];
    private int count;
    private boolean closed;
    /** A fragment has gone out: the message can only be ended, not taken back. */
    private boolean started;

    MessageOutputStream(Outbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public void write(int b) throws IOException {
        ensureOpen();
        if (count == BUFFER) {
            sendPart(false);
        }
        buffer[count++] = (byte) b;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            if (count == BUFFER) {
                sendPart(false);
            }
            int n = Math.min(len, BUFFER - count);
            System.arraycopy(b, off, buffer, count, n);
            count += n;
            off += n;
            len -= n;
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (count > 0) {
            sendPart(false);
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            sendPart(true);
        }
    }

    /**
     * Gives up on the message after a failure while writing it (a stream encoder that threw):
     * nothing is sent if no fragment went out yet; otherwise the message is ended with what is
     * buffered, because a begun message must be finished for the connection to go on.
     */
    void abandon() {
        if (closed) {
            return;
        }
        closed = true;
        if (!started) {
            return;
        }
        try {
            sendPart(true);
        } catch (IOException e) {
            // The send that failed already reports the problem; the session's state tells the rest.
        }
    }

    private void sendPart(boolean last) throws IOException {
        if (!started) {
            outbound.checkCanBeginMessage();
        }
        started = true;
        outbound.sendPartBlocking(false, ByteBuffer.wrap(buffer, 0, count), last);
        count = 0;
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The message's send stream is closed");
        }
    }
}
