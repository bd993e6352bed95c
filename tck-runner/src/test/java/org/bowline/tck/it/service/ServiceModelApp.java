package org.bowline.tck.it.service;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.Set;
import org.bowline.adapter.service.ServiceEndpoints;

/** A web application that serves the service model: its upgrade service mounted as an endpoint configuration. */
public class ServiceModelApp implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        return Set.of(ServiceEndpoints.endpointConfig("/rooms/{room}", new RoomUpgradeService()));
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        return Set.of();
    }
}
