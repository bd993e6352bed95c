package org.bowline.container.server;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import jakarta.websocket.Decoder;
import jakarta.websocket.Encoder;
import jakarta.websocket.Extension;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.session.SessionSetup;

/**
 * The view of a deployed {@link ServerEndpointConfig} that one opening handshake and the session it
 * opens see: everything is the deployed configuration's, except the user properties, which are a
 * per-connection shallow copy taken when the handshake starts (Jakarta WebSocket 2.2, "Handshake
 * Modification", and the Javadoc of {@code Session.getUserProperties}: the session starts from these
 * properties as {@code modifyHandshake} left them). What {@code modifyHandshake} puts into or removes
 * from them reaches this connection's session and endpoint only, never the deployed configuration
 * or the next connection.
 */
final class HandshakeEndpointConfig implements ServerEndpointConfig, SessionSetup.OwnUserProperties {

    private final ServerEndpointConfig deployed;
    /**
     * The copy; while the deployed configuration has none and nobody asked, null (made on first use): an
     * idle session keeps this configuration, and most applications never use its properties.
     */
    private volatile Map<String, Object> userProperties;

    HandshakeEndpointConfig(ServerEndpointConfig deployed) {
        this.deployed = deployed;
        Map<String, Object> shared = deployed.getUserProperties();
        if (shared != null && !shared.isEmpty()) {
            userProperties = new HashMap<>(shared);
        }
    }

    /** The configuration as deployed, shared by all connections. */
    ServerEndpointConfig deployed() {
        return deployed;
    }

    @Override
    public Map<String, Object> getUserProperties() {
        Map<String, Object> properties = userProperties;
        if (properties == null) {
            synchronized (this) {
                if (userProperties == null) {
                    userProperties = new HashMap<>();
                }
                properties = userProperties;
            }
        }
        return properties;
    }

    @Override
    public Map<String, Object> userPropertiesIfAny() {
        return userProperties;
    }

    @Override
    public Class<?> getEndpointClass() {
        return deployed.getEndpointClass();
    }

    @Override
    public String getPath() {
        return deployed.getPath();
    }

    @Override
    public List<String> getSubprotocols() {
        return deployed.getSubprotocols();
    }

    @Override
    public List<Extension> getExtensions() {
        return deployed.getExtensions();
    }

    @Override
    public Configurator getConfigurator() {
        return deployed.getConfigurator();
    }

    @Override
    public List<Class<? extends Encoder>> getEncoders() {
        return deployed.getEncoders();
    }

    @Override
    public List<Class<? extends Decoder>> getDecoders() {
        return deployed.getDecoders();
    }
}
