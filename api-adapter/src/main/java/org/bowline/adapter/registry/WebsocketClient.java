package org.bowline.adapter.registry;

import java.io.IOException;
import java.net.URI;

import jakarta.websocket.Session;

/**
 * A connection opened by {@link WebsocketClients#createWebsocket}: its id, URI and handler name,
 * and {@link #send(String)} / {@link #close()}. Its handler gets its events.
 */
public final class WebsocketClient {

    private final String id;
    private final URI uri;
    private final String handler;
    private volatile Session session;
    /** Closed: it is not (or no longer) in its {@link WebsocketClients}' list. Guarded by that list. */
    private boolean left;

    WebsocketClient(String id, URI uri, String handler) {
        this.id = id;
        this.uri = uri;
        this.handler = handler;
    }

    void attach(Session session) {
        this.session = session;
    }

    void leave() {
        left = true;
    }

    boolean hasLeft() {
        return left;
    }

    public String getId() {
        return id;
    }

    public URI getUri() {
        return uri;
    }

    /** The name of the handler that gets this client's events. */
    public String getHandler() {
        return handler;
    }

    public boolean isOpen() {
        Session s = session;
        return s != null && s.isOpen();
    }

    /** Sends a text message. */
    public void send(String message) throws IOException {
        Session s = session;
        if (s == null || !s.isOpen()) {
            throw new IOException("Client " + id + " to " + uri + " is closed");
        }
        s.getBasicRemote().sendText(message);
    }

    /** Closes the connection with 1000; the handler gets {@code onclose}. */
    public void close() throws IOException {
        Session s = session;
        if (s != null) {
            s.close();
        }
    }

    @Override
    public String toString() {
        return "WebsocketClient[id=" + id + ", uri=" + uri + ", handler=" + handler + "]";
    }
}
