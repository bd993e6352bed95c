package org.bowline.tck.it.invalid;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

/** Valid, but in the same application as an invalid endpoint. */
@ServerEndpoint("/echo")
public class ValidEchoEndpoint {

    @OnMessage
    public String echo(String message) {
        return message;
    }
}
