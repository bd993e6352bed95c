package org.bowline.adapter.blocking;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/**
 * The Jakarta endpoint behind one blocking connection: whole messages go to the {@link Inbox},
 * the close after them; {@code opened} is told of the {@link WebSocket} once the session is open.
 */
final class BlockingEndpoint extends Endpoint {

    private static final System.Logger LOG = System.getLogger(BlockingEndpoint.class.getName());

    /** Told of each connection as it opens, on the session's delivery thread: it must not block. */
    interface Opened {
        void opened(WebSocket ws);
    }

    private final Inbox inbox = new Inbox();
    private final long closeTimeoutMillis;
    private final Opened opened;

    BlockingEndpoint(long closeTimeoutMillis, Opened opened) {
        this.closeTimeoutMillis = closeTimeoutMillis;
        this.opened = opened;
    }

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) inbox::deliver);
        session.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) inbox::deliver);
        opened.opened(new WebSocket(session, inbox, closeTimeoutMillis));
    }

    @Override
    public void onClose(Session session, CloseReason reason) {
        inbox.close(reason.getCloseCode().getCode(), reason.getReasonPhrase());
    }

    @Override
    public void onError(Session session, Throwable error) {
        LOG.log(System.Logger.Level.DEBUG, "Session {0}: {1}", session.getId(), error.toString());
    }
}
