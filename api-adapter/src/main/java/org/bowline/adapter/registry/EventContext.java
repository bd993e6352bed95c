package org.bowline.adapter.registry;

import java.io.IOException;

import jakarta.websocket.Session;

/** One event on one session, as the handler sees it. */
final class EventContext implements WebsocketContext {

    private final Session session;
    private final String method;
    private final String message;
    private final String error;

    private EventContext(Session session, String method, String message, String error) {
        this.session = session;
        this.method = method;
        this.message = message;
        this.error = error;
    }

    static EventContext open(Session session) {
        return new EventContext(session, ON_OPEN, null, null);
    }

    static EventContext message(Session session, String text) {
        return new EventContext(session, ON_MESSAGE, text, null);
    }

    static EventContext error(Session session, Throwable error) {
        String text = error.getMessage() == null ? error.toString() : error.getMessage();
        return new EventContext(session, ON_ERROR, null, text);
    }

    static EventContext close(Session session) {
        return new EventContext(session, ON_CLOSE, null, null);
    }

    @Override
    public String getMethod() {
        return method;
    }

    @Override
    public String getMessage() {
        return message;
    }

    @Override
    public String getError() {
        return error;
    }

    @Override
    public void send(String text) throws IOException {
        if (!session.isOpen()) {
            throw new IOException("The connection is closed: cannot send from " + method);
        }
        session.getBasicRemote().sendText(text);
    }

    @Override
    public void close() throws IOException {
        session.close();
    }

    @Override
    public String toString() {
        return method + (message != null ? " " + message : error != null ? " " + error : "");
    }
}
