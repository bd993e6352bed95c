package org.bowline.tck.it.httpsession;

import jakarta.servlet.http.HttpSession;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

/** Hands the handshake's HTTP session (if the request belongs to one) to the WebSocket session. */
public class HttpSessionConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        Object session = request.getHttpSession();
        config.getUserProperties().put("name", session instanceof HttpSession http
                ? "session " + http.getAttribute("name") : "no session");
    }
}
