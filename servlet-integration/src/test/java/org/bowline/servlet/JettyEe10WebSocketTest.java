package org.bowline.servlet;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.bowline.servlet.app.TestApplicationInitializer;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;

/** {@link ServletContainerWebSocketTest} on embedded Jetty 12.1, ee10 (Servlet 6.0). */
class JettyEe10WebSocketTest extends ServletContainerWebSocketTest {

    private Server server;
    private final Map<String, ServletContextHandler> started = new HashMap<>();

    @Override
    protected int start(List<WebApp> apps) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        ContextHandlerCollection contexts = new ContextHandlerCollection();
        for (WebApp app : apps) {
            ServletContextHandler context = new ServletContextHandler(ServletContextHandler.SESSIONS);
            context.setContextPath(app.contextPath().isEmpty() ? "/" : app.contextPath());
            context.addServletContainerInitializer(new TestApplicationInitializer());
            context.addServletContainerInitializer(new BowlineServletContainerInitializer(),
                    app.scanned().toArray(Class<?>[]::new));
            contexts.addHandler(context);
            started.put(app.contextPath(), context);
        }
        server.setHandler(contexts);
        server.start();
        return connector.getLocalPort();
    }

    /**
     * Jetty 12.1.14 answers the upgrade and sends our frames, but its upgraded ServletInputStream
     * only ever shows the end of the upgrade request's (empty) body: onAllDataRead right after
     * init, read() returning -1 forever, and no byte the client sends after the 101.
     */
    @Override
    protected String upgradedInputUnsupported() {
        return "Jetty 12.1.14's HttpServletRequest.upgrade delivers no bytes sent after the 101 (the upgraded"
                + " input stays at the end of the request body)";
    }

    @Override
    protected void stopWebApp(String contextPath) throws Exception {
        started.get(contextPath).stop();
    }

    @Override
    protected void stop() throws Exception {
        if (server != null) {
            server.stop();
        }
    }
}
