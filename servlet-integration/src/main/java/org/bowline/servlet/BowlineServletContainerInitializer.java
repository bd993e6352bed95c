package org.bowline.servlet;

import java.lang.System.Logger.Level;
import java.util.EnumSet;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterRegistration;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.annotation.HandlesTypes;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerApplicationConfig;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.server.BowlineServerContainer;
import org.bowline.container.server.ServerHandshaker;
import org.bowline.container.session.SessionExecutors;
import org.bowline.container.session.SessionLimits;

/**
 * Makes Bowline the WebSocket provider of a web application (Jakarta WebSocket 2.2, section 6):
 * one {@link BowlineServerContainer} per application, published as the servlet context attribute
 * {@code jakarta.websocket.server.ServerContainer}, the scanned endpoints deployed on it, and an
 * {@link UpgradeFilter} on {@code /*} that serves them. Found by the servlet container through
 * {@code META-INF/services/jakarta.servlet.ServletContainerInitializer}.
 */
@HandlesTypes({ServerEndpoint.class, Endpoint.class, ServerApplicationConfig.class})
public class BowlineServletContainerInitializer implements ServletContainerInitializer {

    /** The servlet context attribute under which applications find the container (section 6.4). */
    public static final String SERVER_CONTAINER_ATTRIBUTE = ServerContainer.class.getName();

    /**
     * The servlet context attribute holding the application's {@link QueueBudget}: what its sessions hold
     * queued, and the peak, for monitoring.
     */
    public static final String QUEUE_BUDGET_ATTRIBUTE = QueueBudget.class.getName();

    static final String FILTER_NAME = "bowline-websocket-upgrade";

    /** At most this long, sessions closed because their application stops may take to finish their handshakes. */
    static final long SHUTDOWN_GRACE_MILLIS = 2_000;

    private static final System.Logger LOG = System.getLogger(BowlineServletContainerInitializer.class.getName());

    @Override
    public void onStartup(Set<Class<?>> scanned, ServletContext context) {
        Object published = context.getAttribute(SERVER_CONTAINER_ATTRIBUTE);
        if (published != null) {
            // The server's own implementation initialised this application first; it serves it.
            LOG.log(Level.WARNING, serverImplementationServes(context, published));
            return;
        }
        SessionLimits limits;
        QueueBudget budget;
        try {
            limits = ContextLimits.of(context);
            budget = new QueueBudget(ContextLimits.queueBudgetBytes(context));
        } catch (IllegalArgumentException e) {
            // A misconfigured limit is the application's deployment error, not the server's.
            LOG.log(Level.ERROR, "Web application " + describe(context) + " serves no WebSocket endpoints: "
                    + e.getMessage(), e);
            return;
        }
        AppThreads threads = new AppThreads(context.getContextPath(), context.getClassLoader());
        // No looking for work before parking: the host's threads bring the input, on the same cores.
        ExecutorService executor = SessionExecutors.newDefault(threads.factory("session"), 0);
        ScheduledExecutorService timers = Timers.newScheduler(threads.single("timer"));
        OpenConnections connections = new OpenConnections();
        BowlineServerContainer container = new BowlineServerContainer(limits, executor, true,
                "bowline-client" + context.getContextPath());
        WebSocketDeployment deployment = new WebSocketDeployment();
        ServletUpgrader upgrader = new ServletUpgrader(new ServerHandshaker(container), deployment, timers,
                connections, budget);
        container.setUpgradeBridge(upgrader);
        context.setAttribute(SERVER_CONTAINER_ATTRIBUTE, container);
        context.setAttribute(QUEUE_BUDGET_ATTRIBUTE, budget);

        FilterRegistration.Dynamic filter = context.addFilter(FILTER_NAME,
                new UpgradeFilter(container, upgrader, deployment));
        filter.setAsyncSupported(true);
        // Ahead of the application's own filters: an upgrade must reach us before anything commits a response.
        filter.addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        // The server's own implementation's initializer may still run after this one and take the application.
        context.addListener(new ServerContainerClaim(container, deployment));

        // Sessions get a moment to finish their close handshakes when the application stops, not the whole close
        // timeout: on a server shutting down, peers' replies may no longer be read at all.
        context.addListener(new WebAppShutdown(container, connections, executor, timers, threads,
                Math.min(limits.closeTimeoutMillis(), SHUTDOWN_GRACE_MILLIS)));

        deploy(scanned, container, deployment, context);
        // An endpoint the application adds itself (a ServletContextListener calling addEndpoint) that fails
        // fails the application's deployment just as a scanned one does, even if the application swallows
        // the DeploymentException (section 5.2.1: well-formed endpoints deployed before it leave service).
        container.setDeploymentFailureListener(e -> failed(deployment, context,
                "added through ServerContainer.addEndpoint", e));
    }

    private static void deploy(Set<Class<?>> scanned, BowlineServerContainer container, WebSocketDeployment deployment,
                               ServletContext context) {
        EndpointSelection selection;
        try {
            selection = EndpointSelection.of(scanned == null ? Set.of() : scanned);
        } catch (DeploymentException | RuntimeException e) {
            failed(deployment, context, "(ServerApplicationConfig)", e);
            return;
        }
        for (ServerEndpointConfig config : selection.configs()) {
            try {
                container.addEndpoint(config);
            } catch (DeploymentException | RuntimeException e) {
                String name = config.getEndpointClass() == null ? "null" : config.getEndpointClass().getName();
                failed(deployment, context, name + " at " + config.getPath(), e);
            }
        }
        for (Class<?> type : selection.annotatedClasses()) {
            try {
                container.addEndpoint(type);
            } catch (DeploymentException | RuntimeException e) {
                failed(deployment, context, type.getName(), e);
            }
        }
    }

    private static void failed(WebSocketDeployment deployment, ServletContext context, String endpoint, Exception e) {
        String reason = "WebSocket endpoint " + endpoint + " of web application " + describe(context)
                + " cannot be deployed: " + e.getMessage();
        LOG.log(Level.ERROR, reason + "; the application serves none of its WebSocket endpoints", e);
        deployment.fail(reason);
    }

    /**
     * The warning when the server's own WebSocket implementation, not Bowline, serves an application
     * that carries Bowline: one implementation per application, and the server's cannot be taken
     * back (its upgrade filter is installed), so Bowline steps aside.
     */
    static String serverImplementationServes(ServletContext context, Object published) {
        return "Web application " + describe(context) + " is served by the server's own WebSocket implementation ("
                + (published == null ? "none published" : published.getClass().getName()) + "); Bowline, also on its"
                + " class path, steps aside for this application. To use Bowline, remove the server's implementation"
                + " (Tomcat: lib/tomcat-websocket.jar; Jetty: its websocket modules)";
    }

    private static String describe(ServletContext context) {
        String path = context.getContextPath();
        return path == null || path.isEmpty() ? "/" : path;
    }
}
