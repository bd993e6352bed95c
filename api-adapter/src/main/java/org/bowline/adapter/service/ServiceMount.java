package org.bowline.adapter.service;

import java.util.List;
import java.util.Objects;

import jakarta.websocket.server.ServerEndpointConfig;

/**
 * One path (or path template) served by the service model: the {@link ServerEndpointConfig}
 * registered with a container once, and the upgrade service currently attached there, which a
 * listener may detach (upgrades then get 404) and replace.
 */
final class ServiceMount {

    /** An upgrade service with the configuration its connections get. */
    record Binding(UpgradeService service, ServiceConfiguration configuration) {
        Binding {
            Objects.requireNonNull(service, "upgrade service");
            Objects.requireNonNull(configuration, "service configuration");
        }
    }

    private final String path;
    private final OpenConnections connections;
    private final ServerEndpointConfig endpointConfig;
    private volatile Binding binding;

    ServiceMount(String path, Binding binding, OpenConnections connections) {
        this.path = Objects.requireNonNull(path, "path");
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("A service path must start with '/', was '" + path + "'");
        }
        this.binding = binding;
        this.connections = connections;
        this.endpointConfig = ServerEndpointConfig.Builder.create(ServiceEndpoint.class, path)
                .subprotocols(List.copyOf(binding.configuration().subProtocols()))
                .configurator(new ServiceConfigurator(this))
                .build();
    }

    String path() {
        return path;
    }

    ServerEndpointConfig endpointConfig() {
        return endpointConfig;
    }

    OpenConnections connections() {
        return connections;
    }

    /** The attached service, or null when detached. */
    Binding binding() {
        return binding;
    }

    void attach(Binding next) {
        binding = next;
    }

    void detach() {
        binding = null;
    }
}
