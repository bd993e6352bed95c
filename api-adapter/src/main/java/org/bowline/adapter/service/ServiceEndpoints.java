package org.bowline.adapter.service;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

/**
 * Mounts upgrade services on any Bowline {@link ServerContainer}: the standalone server's, or the one
 * {@code servlet-integration} publishes in a web application (servlet context attribute
 * {@code jakarta.websocket.server.ServerContainer}), so the service model runs inside Tomcat and Jetty.
 *
 * <pre>{@code
 * ServerContainer container = (ServerContainer) servletContext.getAttribute(ServerContainer.class.getName());
 * ServiceEndpoints.mount(container, "/chat/{room}", new ChatUpgradeService());
 * }</pre>
 *
 * <p>The refusals ({@link UpgradeError}'s status, body and headers) use Bowline's handshake hook, so
 * they need Bowline's container; on another vendor's container an {@code UpgradeError} fails the
 * handshake with that container's own error answer.
 */
public final class ServiceEndpoints {

    private ServiceEndpoints() {
    }

    /** The endpoint configuration that serves {@code service} at {@code path} (a path or URI template). */
    public static ServerEndpointConfig endpointConfig(String path, UpgradeService service,
                                                      ServiceConfiguration configuration) {
        return new ServiceMount(path, new ServiceMount.Binding(service, configuration), new OpenConnections())
                .endpointConfig();
    }

    /** As {@link #endpointConfig(String, UpgradeService, ServiceConfiguration)}, configured by the class's {@link ServiceConfig}. */
    public static ServerEndpointConfig endpointConfig(String path, UpgradeService service) {
        return endpointConfig(path, service, ServiceConfiguration.forService(service));
    }

    /** Adds {@code service} at {@code path} to {@code container}. */
    public static void mount(ServerContainer container, String path, UpgradeService service,
                             ServiceConfiguration configuration) throws DeploymentException {
        container.addEndpoint(endpointConfig(path, service, configuration));
    }

    /** Adds {@code service} at {@code path}, configured by the class's {@link ServiceConfig}. */
    public static void mount(ServerContainer container, String path, UpgradeService service) throws DeploymentException {
        mount(container, path, service, ServiceConfiguration.forService(service));
    }
}
