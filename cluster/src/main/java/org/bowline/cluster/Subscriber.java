package org.bowline.cluster;

import java.nio.ByteBuffer;

import jakarta.websocket.Session;

/**
 * Where a topic's messages go: one connection. Sends must not block (they queue and report later);
 * for a target whose writes block, hand them to an executor as {@link CallerSubscriber} does.
 * Two subscribers are the same subscriber when they wrap the same connection ({@code equals}).
 */
public interface Subscriber {

    /** The outcome of one send: {@code failure} is null when the message was written. */
    @FunctionalInterface
    interface Sent {
        void done(Throwable failure);
    }

    boolean isOpen();

    /** Queues a text message; {@code sent} is called once, on any thread, maybe before this returns. */
    void sendText(String text, Sent sent);

    /** Queues a binary message; the buffer is this subscriber's own and may be consumed. */
    void sendBinary(ByteBuffer data, Sent sent);

    /** Closes the connection (the slow-subscriber policy uses 1008); must not block. */
    void close(int code, String reason);

    /** A Jakarta WebSocket session as a subscriber, sending through its async remote. */
    static Subscriber of(Session session) {
        return new SessionSubscriber(session);
    }
}
