package org.bowline.benchmarks.endpoints;

import java.nio.ByteBuffer;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/** Sends every binary message of up to 32 MiB back: the 16 MiB round trip. */
@ServerEndpoint("/big")
public class BigEchoEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Limits.raise(session, Limits.BIG_MESSAGE);
    }

    @OnMessage(maxMessageSize = Limits.BIG_MESSAGE)
    public ByteBuffer onBinary(ByteBuffer message) {
        return message;
    }
}
