package org.bowline.tck.it.programmatic;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import java.io.IOException;
import java.io.UncheckedIOException;

/** A programmatic endpoint: answers each text message reversed, prefixed with its config's user property. */
public class ReversingEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        Object prefix = config.getUserProperties().get("prefix");
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message -> {
            try {
                session.getBasicRemote().sendText(prefix + new StringBuilder(message).reverse().toString());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
