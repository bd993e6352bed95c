package org.bowline.servlet;

import java.lang.System.Logger.Level;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;

import org.bowline.container.server.BowlineServerContainer;

/**
 * Checks, once every initializer has run, that the application's
 * {@code jakarta.websocket.server.ServerContainer} is still Bowline's. On a server with its own
 * WebSocket implementation (Tomcat's {@code tomcat-websocket.jar}, Jetty's websocket modules) that
 * implementation's initializer may run after Bowline's and publish its own container, with its own
 * upgrade filter: then the server's implementation serves the application and Bowline steps aside
 * (its filter lets every request through), rather than two implementations sharing one application.
 */
final class ServerContainerClaim implements ServletContextListener {

    private static final System.Logger LOG = System.getLogger(ServerContainerClaim.class.getName());

    private final BowlineServerContainer container;
    private final WebSocketDeployment deployment;

    ServerContainerClaim(BowlineServerContainer container, WebSocketDeployment deployment) {
        this.container = container;
        this.deployment = deployment;
    }

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        Object published = context.getAttribute(BowlineServletContainerInitializer.SERVER_CONTAINER_ATTRIBUTE);
        if (published == container) {
            return;
        }
        String reason = BowlineServletContainerInitializer.serverImplementationServes(context, published);
        LOG.log(Level.WARNING, reason);
        deployment.stepAside(reason);
    }
}
