package org.bowline.servlet.app;

import java.io.IOException;
import java.io.UncheckedIOException;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/**
 * Sends, as its first message, what the handshake saw ({@link ProbeConfigurator}) and its path
 * parameter {@code id}, e.g. {@code id=7;user=alice;admin=true;session=alice}.
 */
public class ProbeEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        try {
            session.getBasicRemote().sendText("id=" + session.getPathParameters().get("id") + ";"
                    + session.getUserProperties().get(ProbeConfigurator.SEEN));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
