package org.bowline.servlet;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.bowline.servlet.app.TestApplicationInitializer;

/**
 * A servlet container embedded for tests, listening on 127.0.0.1 and an ephemeral port, in which
 * every web application has {@link TestApplicationInitializer} and then Bowline's
 * {@link BowlineServletContainerInitializer} (its WebSocket provider), and a class loader of its own.
 */
interface ServletHost {

    /**
     * A web application to start: its context path ("" for root), the classes {@code @HandlesTypes}
     * would find, and its context init parameters.
     */
    record WebApp(String contextPath, Set<Class<?>> scanned, Map<String, String> initParameters) {
        WebApp(String contextPath, Set<Class<?>> scanned) {
            this(contextPath, scanned, Map.of());
        }
    }

    /** Starts the container with these applications; returns its port. */
    int start(List<WebApp> apps) throws Exception;

    /** Stops one of the started web applications, leaving the others and the server running. */
    void stopWebApp(String contextPath) throws Exception;

    /** The servlet context of a started web application: its attributes are how tests reach its Bowline. */
    jakarta.servlet.ServletContext servletContext(String contextPath);

    /** The class loader of a started web application. */
    ClassLoader classLoaderOf(String contextPath);

    void stop() throws Exception;
}
