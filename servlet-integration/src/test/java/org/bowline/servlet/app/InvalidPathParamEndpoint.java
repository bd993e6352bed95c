package org.bowline.servlet.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/**
 * Not deployable: a {@code @PathParam} may only be a String, a primitive or a boxed primitive
 * (Jakarta WebSocket 2.2, section 4.3), so {@code addEndpoint} must throw a DeploymentException.
 */
@ServerEndpoint("/invalid/{arg}")
public class InvalidPathParamEndpoint {

    @OnMessage
    public String onMessage(String message, @PathParam("arg") StringBuilder arg) {
        return message + arg;
    }
}
