package org.bowline.tck.it.programmatic;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Scanned, but the application's ServerApplicationConfig leaves it out. */
@ServerEndpoint("/dropped")
public class DroppedEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("dropped endpoint was deployed");
    }
}
