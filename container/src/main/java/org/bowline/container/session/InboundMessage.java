package org.bowline.container.session;

import java.io.IOException;

/**
 * An inbound data message as the session's executor sees it: already assembled
 * ({@link WholeMessage}) or still arriving ({@link MessagePipe}). The handler is chosen when
 * delivery starts and reads the message through this, so either source serves any handler.
 */
interface InboundMessage {

    boolean isText();

    /**
     * The next part, waiting for it to arrive; null once the last part has been taken.
     *
     * @throws MessageAbortedException when the connection ended before the message did
     */
    MessagePart next() throws IOException;

    /** Drops what has not been taken, now and as it arrives: the endpoint is done with it. */
    void discard();

    /** The message ended before its last part: the connection closed or failed. */
    final class MessageAbortedException extends IOException {
        MessageAbortedException(String message) {
            super(message);
        }
    }
}
