package org.bowline.tck.it.configurator;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.List;

/** Refuses foreign origins, copies the X-Token request header to the session and answers X-Token-Seen. */
public class TokenConfigurator extends ServerEndpointConfig.Configurator {

    @Override
    public boolean checkOrigin(String origin) {
        return origin == null || !origin.contains("evil.example");
    }

    @Override
    public void modifyHandshake(ServerEndpointConfig config, HandshakeRequest request, HandshakeResponse response) {
        List<String> token = request.getHeaders().get("X-Token");
        String value = token == null || token.isEmpty() ? "none" : token.get(0);
        config.getUserProperties().put("token", value);
        response.getHeaders().put("X-Token-Seen", List.of(value.toUpperCase(java.util.Locale.ROOT)));
    }
}
