package org.bowline.cluster;

import java.io.IOException;
import java.nio.ByteBuffer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.SendResult;
import jakarta.websocket.Session;

/**
 * A Jakarta {@link Session} as a subscriber. It sends through {@code getAsyncRemote()}, so the
 * container's bounded outbound queue and send timeout apply: a send past the queue's limit fails
 * its result instead of buffering without bound, and counts as a slow subscriber.
 */
final class SessionSubscriber implements Subscriber {

    private static final System.Logger LOG = System.getLogger(SessionSubscriber.class.getName());

    private final Session session;

    SessionSubscriber(Session session) {
        if (session == null) {
            throw new IllegalArgumentException("Session must not be null");
        }
        this.session = session;
    }

    @Override
    public boolean isOpen() {
        return session.isOpen();
    }

    @Override
    public void sendText(String text, Sent sent) {
        try {
            session.getAsyncRemote().sendText(text, result -> report(result, sent));
        } catch (RuntimeException e) {
            sent.done(e);
        }
    }

    @Override
    public void sendBinary(ByteBuffer data, Sent sent) {
        try {
            session.getAsyncRemote().sendBinary(data, result -> report(result, sent));
        } catch (RuntimeException e) {
            sent.done(e);
        }
    }

    private static void report(SendResult result, Sent sent) {
        sent.done(result.isOK() ? null : result.getException());
    }

    @Override
    public void close(int code, String reason) {
        try {
            session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(code), reason));
        } catch (IOException | RuntimeException e) {
            LOG.log(System.Logger.Level.DEBUG, "Closing session " + session.getId() + " failed", e);
        }
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof SessionSubscriber that && that.session == session;
    }

    @Override
    public int hashCode() {
        return System.identityHashCode(session);
    }

    @Override
    public String toString() {
        return "session " + session.getId();
    }
}
