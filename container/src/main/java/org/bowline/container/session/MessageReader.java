package org.bowline.container.session;

import java.io.IOException;
import java.io.Reader;

/** The Reader a {@code Whole<Reader>} handler or a TextStream decoder reads a text message with. */
final class MessageReader extends Reader {

    private final InboundMessage message;
    private String current = "";
    private int pos;
    private boolean ended;
    private boolean closed;

    MessageReader(InboundMessage message) {
        this.message = message;
    }

    @Override
    public int read(char[] buf, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("The message reader is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (pos == current.length()) {
            if (ended) {
                return -1;
            }
            MessagePart part = message.next();
            if (part == null) {
                ended = true;
                return -1;
            }
            current = (String) part.data();
            pos = 0;
        }
        int n = Math.min(len, current.length() - pos);
        current.getChars(pos, pos + n, buf, off);
        pos += n;
        return n;
    }

    @Override
    public void close() {
        closed = true;
    }
}
