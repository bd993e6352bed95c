package org.bowline.distribution.app;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Annotated: sends every text and binary message back (up to 1 MiB: the limit is set here, as a portable
 * application must, since containers' defaults differ; Tomcat's is 8 KiB). Asked "extensions?" or
 * "container?", it says which extensions its session negotiated, or which WebSocket implementation serves it.
 */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    static final int MAX_MESSAGE_BYTES = 1 << 20;

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public String onText(String message, Session session) {
        if (message.equals("container?")) {
            return "container: " + session.getContainer().getClass().getName();
        }
        if (message.equals("extensions?")) {
            StringBuilder names = new StringBuilder("extensions:");
            session.getNegotiatedExtensions().forEach(extension -> names.append(' ').append(extension.getName()));
            return names.toString();
        }
        return message;
    }

    @OnMessage(maxMessageSize = MAX_MESSAGE_BYTES)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
