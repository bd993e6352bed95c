package org.bowline.tck.it.registry;

import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.websocket.server.ServerContainer;

import org.bowline.adapter.registry.DescriptorDeployment;
import org.bowline.adapter.registry.DescriptorEndpoints;
import org.bowline.adapter.registry.HandlerRegistry;

/**
 * What a web application writes to serve its .websocket descriptors: mounts them on the
 * ServerContainer Bowline's servlet integration publishes, with the handlers and descriptors found
 * through the application's own class loader.
 */
public class DescriptorMountingListener implements ServletContextListener {

    @Override
    public void contextInitialized(ServletContextEvent event) {
        ServletContext context = event.getServletContext();
        ServerContainer container = (ServerContainer) context.getAttribute(ServerContainer.class.getName());
        ClassLoader loader = context.getClassLoader();
        DescriptorDeployment deployment = DescriptorEndpoints.mount(container, HandlerRegistry.discover(loader), null, loader);
        context.setAttribute(DescriptorDeployment.class.getName(), deployment);
    }
}
