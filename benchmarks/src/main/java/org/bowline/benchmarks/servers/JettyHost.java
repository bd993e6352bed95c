package org.bowline.benchmarks.servers;

import java.util.function.Consumer;

import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;

/** Embedded Jetty 12.1 (ee10) with one context, set up by the WebSocket provider. */
final class JettyHost {

    private Server server;

    /** {@code wrap} may put a handler in front of the context (Bowline's Jetty upgrade workaround). */
    void start(String host, int port, Consumer<ServletContextHandler> provider,
               java.util.function.UnaryOperator<Handler> wrap) throws Exception {
        server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost(host);
        connector.setPort(port);
        server.addConnector(connector);
        ServletContextHandler context = new ServletContextHandler();
        context.setContextPath("/");
        provider.accept(context);
        server.setHandler(wrap.apply(context));
        server.start();
    }

    void stop() throws Exception {
        server.stop();
    }
}
