package org.bowline.container.session;

import java.io.IOException;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * {@code RemoteEndpoint.Basic.getSendWriter()}: a text message sent as fragments, the last one
 * on {@link #close()}. A high surrogate at the end of a fragment is held back so no fragment
 * ever ends in half a code point.
 */
final class MessageWriter extends Writer {

    private static final int BUFFER = 8192;

    private final Outbound outbound;
    private final StringBuilder buffer = new StringBuilder(BUFFER);
    private boolean closed;
    /** A fragment has gone out: the message can only be ended, not taken back. */
    private boolean started;

    MessageWriter(Outbound outbound) {
        this.outbound = outbound;
    }

    @Override
    public void write(char[] cbuf, int off, int len) throws IOException {
        ensureOpen();
        while (len > 0) {
            int n = Math.min(len, BUFFER - buffer.length());
            buffer.append(cbuf, off, n);
            off += n;
            len -= n;
            if (buffer.length() >= BUFFER) {
                sendPart(false);
            }
        }
    }

    @Override
    public void flush() throws IOException {
        ensureOpen();
        if (buffer.length() > 0) {
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
        int end = buffer.length();
        if (!last && end > 0 && Character.isHighSurrogate(buffer.charAt(end - 1))) {
            end--;
        }
        byte[] bytes = buffer.substring(0, end).getBytes(StandardCharsets.UTF_8);
        buffer.delete(0, end);
        outbound.sendPartBlocking(true, ByteBuffer.wrap(bytes), last);
    }

    private void ensureOpen() throws IOException {
        if (closed) {
            throw new IOException("The message's send writer is closed");
        }
    }
}
