package org.bowline.distribution.app;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Annotated: sends every text and binary message back, and says which extensions it runs with on request. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnMessage
    public String onText(String message, Session session) {
        if (message.equals("extensions?")) {
            StringBuilder names = new StringBuilder("extensions:");
            session.getNegotiatedExtensions().forEach(extension -> names.append(' ').append(extension.getName()));
            return names.toString();
        }
        return message;
    }

    @OnMessage
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
