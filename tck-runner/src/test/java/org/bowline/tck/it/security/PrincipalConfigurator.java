package org.bowline.tck.it.security;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Records what the handshake request says about the authenticated user. */
public class PrincipalConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        config.getUserProperties().put("handshake", (request.getUserPrincipal() == null ? "nobody"
                : request.getUserPrincipal().getName()) + " user=" + request.isUserInRole("user")
                + " admin=" + request.isUserInRole("admin"));
    }
}
