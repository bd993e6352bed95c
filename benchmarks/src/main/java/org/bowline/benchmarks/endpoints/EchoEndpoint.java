package org.bowline.benchmarks.endpoints;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Sends every message back as it came: the echo, ping-pong, fixed-rate, idle and 16 MiB scenarios. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Limits.raise(session);
    }

    @OnMessage(maxMessageSize = Limits.MAX_MESSAGE)
    public String onText(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = Limits.MAX_MESSAGE)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
