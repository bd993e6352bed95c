package org.bowline.tck.it.annotated;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Says which room and user its path named, decoded and converted, and the query string. */
@ServerEndpoint("/rooms/{room}/users/{user}")
public class RoomEndpoint {

    @OnOpen
    public void open(Session session, @PathParam("room") String room, @PathParam("user") int user)
            throws IOException {
        session.getBasicRemote().sendText("template " + room + " " + (user + 1) + " " + session.getQueryString());
    }
}
