package org.bowline.servlet;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bowline.servlet.app.TestApplicationInitializer;
import org.bowline.servlet.jetty.JettyUpgradedInput;
import org.eclipse.jetty.ee11.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** Embedded Jetty 12.1, ee11, with its handler wrapped in {@link JettyUpgradedInput} as the README says. */
final class JettyEe11Host implements ServletHost {

    private Server server;
    private final Map<String, ServletContextHandler> started = new HashMap<>();

    @Override
    public int start(List<WebApp> apps) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (WebApp app : apps) {
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath(app.contextPath().isEmpty() ? "/" : app.contextPath());
            // A class loader of its own, as a deployed web application has.
            context.setClassLoader(new URLClassLoader(new URL[0], getClass().getClassLoader()));
            app.initParameters().forEach(context::setInitParameter);
            context.addServletContainerInitializer(new TestApplicationInitializer());
            context.addServletContainerInitializer(new BowlineServletContainerInitializer(),
                    app.scanned().toArray(Class<?>[]::new));
            contexts.addHandler(context);
            started.put(app.contextPath(), context);
        }
        server.setHandler(new JettyUpgradedInput(contexts));
        server.start();
        return connector.getLocalPort();
    }

    @Override
    public void stopWebApp(String contextPath) throws Exception {
        started.get(contextPath).stop();
    }

    @Override
    public jakarta.servlet.ServletContext servletContext(String contextPath) {
        return started.get(contextPath).getServletContext();
    }

    @Override
    public ClassLoader classLoaderOf(String contextPath) {
        return started.get(contextPath).getClassLoader();
    }

    @Override
    public void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
