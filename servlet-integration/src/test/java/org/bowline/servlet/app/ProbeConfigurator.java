package org.bowline.servlet.app;

import java.security.Principal;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.DefaultServerConfigurator;

/** Records the principal, a role check and the HTTP session's "user" attribute seen in modifyHandshake. */
public class ProbeConfigurator extends DefaultServerConfigurator {

    public static final String SEEN = "probe.seen";

    @Override
    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
        Principal principal = request.getUserPrincipal();
        HttpSession session = (HttpSession) request.getHttpSession();
        // A config object is shared by all sessions of the endpoint; the tests open one at a time.
        sec.getUserProperties().put(SEEN, "user=" + (principal == null ? null : principal.getName())
                + ";admin=" + request.isUserInRole("admin")
                + ";session=" + (session == null ? null : session.getAttribute("user")));
    }
}
