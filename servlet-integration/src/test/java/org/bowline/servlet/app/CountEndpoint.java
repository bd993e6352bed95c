package org.bowline.servlet.app;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** Sends the number of open sessions of its endpoint (itself included) as its first message. */
public class CountEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText(Integer.toString(session.getOpenSessions().size()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
