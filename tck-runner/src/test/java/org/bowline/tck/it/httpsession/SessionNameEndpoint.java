package org.bowline.tck.it.httpsession;

import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpoint;
import java.io.IOException;

@ServerEndpoint(value = "/whoami", configurator = HttpSessionConfigurator.class)
public class SessionNameEndpoint {

    @OnOpen
    public void open(Session session, EndpointConfig config) throws IOException {
        session.getBasicRemote().sendText(String.valueOf(config.getUserProperties().get("name")));
    }
}
