package org.bowline.benchmarks.endpoints;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/**
 * An echo with every implementation's default settings: the 10,000 idle connections scenario
 * measures what a connection costs by default.
 */
@ServerEndpoint("/idle")
public class IdleEndpoint {

    @OnMessage
    public String onText(String message) {
        return message;
    }
}
