package org.bowline.benchmarks.endpoints;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Sends every message (up to 128 KiB) back as it came: the echo, ping-pong and fixed-rate scenarios. */
@ServerEndpoint("/echo")
public class EchoEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Limits.raise(session, Limits.ECHO_MESSAGE);
    }

    @OnMessage(maxMessageSize = Limits.ECHO_MESSAGE)
    public String onText(String message) {
        return message;
    }

    @OnMessage(maxMessageSize = Limits.ECHO_MESSAGE)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
