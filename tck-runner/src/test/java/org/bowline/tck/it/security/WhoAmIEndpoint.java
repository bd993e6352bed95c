package org.bowline.tck.it.security;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

/** Under /secure/*, which web.xml reserves for role "user" with BASIC authentication. */
@ServerEndpoint(value = "/secure/whoami", configurator = PrincipalConfigurator.class)
public class WhoAmIEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        String principal = session.getUserPrincipal() == null ? "nobody" : session.getUserPrincipal().getName();
        session.getBasicRemote().sendText("session " + principal + "; handshake "
                + config.getUserProperties().get("handshake"));
    }
}
