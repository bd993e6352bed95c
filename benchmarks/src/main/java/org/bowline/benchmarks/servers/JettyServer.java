package org.bowline.benchmarks.servers;

import jakarta.websocket.DeploymentException;

import org.bowline.benchmarks.endpoints.Endpoints;
import org.eclipse.jetty.ee10.websocket.jakarta.server.config.JakartaWebSocketServletContainerInitializer;

/** Embedded Jetty 12.1 with its own ee10 Jakarta WebSocket implementation. */
public final class JettyServer implements BenchServer {

    private final JettyHost host = new JettyHost();

    @Override
    public void start(String hostName, int port) throws Exception {
        host.start(hostName, port, context -> JakartaWebSocketServletContainerInitializer.configure(context,
                (servletContext, container) -> {
                    for (Class<?> endpoint : Endpoints.ALL) {
                        try {
                            container.addEndpoint(endpoint);
                        } catch (DeploymentException e) {
                            throw new IllegalStateException(e);
                        }
                    }
                }), handler -> handler);
    }

    @Override
    public void stop() throws Exception {
        host.stop();
    }
}
