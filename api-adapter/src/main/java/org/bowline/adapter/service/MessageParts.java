package org.bowline.adapter.service;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.RemoteEndpoint;

import org.bowline.container.session.SessionLimits;

/**
 * How a {@link Client}'s blocking write puts a message on the wire: whole when it is small, else as
 * a fragmented message of parts well under the session's outbound limit.
 *
 * <p>Why: a Bowline session stops reading from its peer while its outbound queue is over its limit
 * ({@link SessionLimits#DEFAULT_MAX_OUTBOUND_QUEUED} for a client), so that a peer which does not read
 * cannot make it queue replies without bound. One message may always go onto an empty queue whatever
 * its size, so a larger message sent whole stops the client's reading until the peer has taken nearly
 * all of it. A peer that answers each message (an echo) and stops reading itself while its answer is
 * queued then waits for the client, which waits for it: once the socket buffers between them are full,
 * neither side reads and the write never returns, whether or not the application reads (it happened
 * about one run in two with 512 KiB messages to an echo service). In parts, the client's own messages
 * never hold its reading; only the replies it owes the peer past the limit do, as intended.
 */
final class MessageParts {

    /** The largest message queued whole: half the outbound limit, leaving room for deflate's overhead and pongs. */
    static final int WHOLE_MAX_BYTES = (int) (SessionLimits.DEFAULT_MAX_OUTBOUND_QUEUED / 2);
    /** The size of one part: the connection's write high-water mark, a few socket buffers' worth. */
    static final int PART_BYTES = 64 * 1024;
    /** Texts are cut by chars: a char takes at most 3 bytes of UTF-8 (a surrogate pair 4 for 2 chars). */
    private static final int WHOLE_MAX_CHARS = WHOLE_MAX_BYTES / 3;
    private static final int PART_CHARS = PART_BYTES / 3;

    /**
     * A send failed after the message's first part went out: the connection cannot carry another
     * message until this one ends, and it cannot end. The cause is the send's own failure.
     */
    static final class CutShort extends IOException {

        private static final long serialVersionUID = 1L;

        CutShort(IOException cause) {
            super(cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    private MessageParts() {
    }

    /** Sends {@code data} (position to limit) as one message; its position is left as it was. */
    static void sendBinary(RemoteEndpoint.Basic remote, ByteBuffer data) throws IOException {
        int length = data.remaining();
        if (length <= WHOLE_MAX_BYTES) {
            remote.sendBinary(data);
            return;
        }
        int start = data.position();
        for (int sent = 0; sent < length; sent += PART_BYTES) {
            ByteBuffer part = data.slice(start + sent, Math.min(PART_BYTES, length - sent));
            boolean last = sent + part.remaining() == length;
            sendPart(sent, () -> remote.sendBinary(part, last));
        }
    }

    /** Sends {@code text} as one message, never cutting a surrogate pair in two. */
    static void sendText(RemoteEndpoint.Basic remote, String text) throws IOException {
        int length = text.length();
        if (length <= WHOLE_MAX_CHARS) {
            remote.sendText(text);
            return;
        }
        int from = 0;
        while (from < length) {
            int to = Math.min(from + PART_CHARS, length);
            if (to < length && Character.isHighSurrogate(text.charAt(to - 1))) {
                to--;
            }
            String part = text.substring(from, to);
            boolean last = to == length;
            sendPart(from, () -> remote.sendText(part, last));
            from = to;
        }
    }

    private interface Part {
        void send() throws IOException;
    }

    private static void sendPart(int offset, Part part) throws IOException {
        try {
            part.send();
        } catch (IOException e) {
            throw offset == 0 ? e : new CutShort(e);
        }
    }
}
