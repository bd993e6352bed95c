package org.bowline.benchmarks.endpoints;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.Arrays;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * On the text message "COUNT SIZE" sends COUNT binary messages of SIZE bytes with the blocking
 * remote, as fast as the client reads them (server push).
 */
@ServerEndpoint("/push")
public class PushEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        Limits.raise(session, Limits.ECHO_MESSAGE);
    }

    @OnMessage
    public void onMessage(String request, Session session) throws IOException {
        String[] parts = request.trim().split(" ");
        if (parts.length != 2) {
            throw new IllegalArgumentException("expected \"COUNT SIZE\", got \"" + request + "\"");
        }
        int count = Integer.parseInt(parts[0]);
        byte[] bytes = new byte[Integer.parseInt(parts[1])];
        Arrays.fill(bytes, (byte) 'p');
        ByteBuffer payload = ByteBuffer.wrap(bytes);
        for (int i = 0; i < count; i++) {
            session.getBasicRemote().sendBinary(payload.duplicate());
        }
    }
}
