package org.bowline.servlet.app;

import java.util.Set;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.EchoEndpoint;

/** The conformance cases' application: the container tests' echo endpoint at /echo, and nothing else. */
public class EchoApplication implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
