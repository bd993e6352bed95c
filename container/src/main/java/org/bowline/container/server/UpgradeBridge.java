package org.bowline.container.server;

import java.io.IOException;
import java.util.Map;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * How a host that owns HTTP requests (a servlet container) performs
 * {@link jakarta.websocket.server.ServerContainer#upgradeHttpToWebSocket}. The container module
 * knows no servlet types, so the request and response arrive as plain objects for the host to
 * cast; the host installs its bridge with {@link BowlineServerContainer#setUpgradeBridge}.
 */
@FunctionalInterface
public interface UpgradeBridge {

    /**
     * Runs the handshake for {@code config} on the host's request and either answers it with an
     * HTTP error or switches it to a WebSocket served by that endpoint.
     *
     * @throws DeploymentException when {@code config} cannot serve sessions or the objects are not
     *                             the host's request and response types
     */
    void upgrade(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws IOException, DeploymentException;
}
