package org.bowline.tck.it.programmatic;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerEndpointConfig;
import java.util.HashSet;
import java.util.Set;

/** Deploys ReversingEndpoint twice, at two paths with different user properties, and keeps KeptEndpoint only. */
public class AppConfig implements ServerApplicationConfig {

    @Override
    public Set<ServerEndpointConfig> getEndpointConfigs(Set<Class<? extends Endpoint>> scanned) {
        Set<ServerEndpointConfig> configs = new HashSet<>();
        if (scanned.contains(ReversingEndpoint.class)) {
            ServerEndpointConfig a = ServerEndpointConfig.Builder.create(ReversingEndpoint.class, "/reverse/a").build();
            a.getUserProperties().put("prefix", "a:");
            ServerEndpointConfig b = ServerEndpointConfig.Builder.create(ReversingEndpoint.class, "/reverse/{b}").build();
            b.getUserProperties().put("prefix", "b:");
            configs.add(a);
            configs.add(b);
        }
        return configs;
    }

    @Override
    public Set<Class<?>> getAnnotatedEndpointClasses(Set<Class<?>> scanned) {
        Set<Class<?>> kept = new HashSet<>(scanned);
        kept.remove(DroppedEndpoint.class);
        return kept;
    }
}
