package org.bowline.servlet.app;

import java.util.Set;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;

/** A valid endpoint next to one that cannot deploy (a path registered twice). */
public class BrokenAppConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build(),
                ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/dup").build(),
                ServerEndpointConfig.Builder.create(CountEndpoint.class, "/dup").build());
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
