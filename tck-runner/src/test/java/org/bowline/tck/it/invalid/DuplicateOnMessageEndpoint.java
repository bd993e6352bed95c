package org.bowline.tck.it.invalid;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Invalid: two @OnMessage methods for text messages (spec 4.7). */
@ServerEndpoint("/invalid")
public class DuplicateOnMessageEndpoint {

    @OnMessage
    public String first(String message) {
        return message;
    }

    @OnMessage
    public String second(String message) {
        return message;
    }
}
