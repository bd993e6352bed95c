package org.bowline.tck.it.configurator;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

@ServerEndpoint(value = "/configured", configurator = TokenConfigurator.class, subprotocols = {"chat.v2", "chat.v1"})
public class ConfiguredEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText("token=" + config.getUserProperties().get("token")
                + " subprotocol=" + session.getNegotiatedSubprotocol());
    }
}
