package org.bowline.container.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

/** Echoes text as text and binary as binary. */
public class EchoEndpoint extends Endpoint {

    @Override
    public void onOpen(Session session, EndpointConfig config) {
        session.addMessageHandler(String.class, text -> {
            try {
                session.getBasicRemote().sendText(text);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        session.addMessageHandler(ByteBuffer.class, data -> {
            try {
                session.getBasicRemote().sendBinary(data);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
    }
}
