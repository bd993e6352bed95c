package org.bowline.tck.it.annotated.lib;

import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Packed into a WEB-INF/lib jar: served only if the WAR's libraries are scanned. */
@ServerEndpoint("/from-library")
public class LibraryEndpoint {

    @OnOpen
    public void open(Session session) throws IOException {
        session.getBasicRemote().sendText("library");
    }
}
