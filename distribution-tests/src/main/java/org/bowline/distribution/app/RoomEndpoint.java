package org.bowline.distribution.app;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

/** Annotated, on a path template: answers each message with the room it was sent to. */
@ServerEndpoint("/rooms/{room}")
public class RoomEndpoint {

    @OnMessage
    public String onText(String message, @PathParam("room") String room) {
        return room + ": " + message;
    }
}
