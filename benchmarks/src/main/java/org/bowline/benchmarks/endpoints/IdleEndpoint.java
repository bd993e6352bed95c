package org.bowline.benchmarks.endpoints;

import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An echo with every implementation's default buffers: the 10,000 idle connections scenario
 * measures what a connection costs by default. Only the idle timeout is off (Jetty's default of
 * 30 s would close the first connections while a slow machine still opens the last ones).
 */
@ServerEndpoint("/idle")
public class IdleEndpoint {

    @OnOpen
    public void onOpen(Session session) {
        session.setMaxIdleTimeout(0);
    }

    @OnMessage
    public String onText(String message) {
        return message;
    }
}
