package org.bowline.container.session;

import java.nio.ByteBuffer;

import jakarta.websocket.Session;

/**
 * What a session does with a ping from its peer: hands it to the endpoint's ping callback (a Bowline
 * hook) when it has one, and answers it with a pong unless that endpoint answers pings itself.
 * A ping for the endpoint counts against the inbound backlog like a message, so a ping flood cannot
 * queue without bound; the pongs are bounded where the session queues them ({@link PongQueue}).
 */
final class PingResponder {

    /** What a queued ping costs beyond its payload, roughly: the task and its buffer. */
    private static final long PING_OVERHEAD = 64;

    private final Session session;
    private final PingListener listener;
    private final boolean autoPong;
    private final SerialExecutor executor;
    private final InboundBacklog backlog;
    private final Host host;

    /** What the responder needs from its session. */
    interface Host {
        /** Sends a pong with that payload, if the session may still send one. */
        void pong(ByteBuffer payload);

        /** The endpoint's ping callback threw: for its onError. */
        void error(Throwable t);
    }

    PingResponder(Session session, Object endpoint, SerialExecutor executor, InboundBacklog backlog, Host host) {
        this.session = session;
        this.listener = endpoint instanceof PingListener p ? p : null;
        this.autoPong = listener == null || listener.containerAnswersPings();
        this.executor = executor;
        this.backlog = backlog;
        this.host = host;
    }

    /** On the I/O thread; {@code payload} is the parser's and only valid during the call. */
    void onPing(ByteBuffer payload) {
        if (listener != null) {
            deliver(copy(payload));
        }
        if (autoPong) {
            host.pong(copy(payload));
        }
    }

    private void deliver(ByteBuffer data) {
        long size = PING_OVERHEAD + data.remaining();
        backlog.admit(size);
        executor.execute(() -> {
            backlog.release(size);
            try {
                listener.onPing(session, data);
            } catch (Throwable t) {
                host.error(t);
            }
        });
    }

    static ByteBuffer copy(ByteBuffer payload) {
        ByteBuffer copy = ByteBuffer.allocate(payload.remaining());
        copy.put(payload.duplicate()).flip();
        return copy;
    }
}
