package org.bowline.tck.it.annotated;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** An exact path that the template /rooms/{room}/users/{user} also matches. */
@ServerEndpoint("/rooms/lobby/users/admin")
public class LobbyAdminEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("exact");
    }
}
