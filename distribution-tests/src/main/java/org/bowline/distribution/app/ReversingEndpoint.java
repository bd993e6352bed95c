package org.bowline.distribution.app;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;

/** Programmatic (deployed by {@link AppConfig}): answers each text message reversed. */
public class ReversingEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, (MessageHandler.Whole<String>) message ->
                session.getAsyncRemote().sendText(new StringBuilder(message).reverse().toString()));
    }
}
