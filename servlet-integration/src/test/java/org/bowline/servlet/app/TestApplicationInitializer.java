package org.bowline.servlet.app;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.Principal;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletContainerInitializer;
import jakarta.servlet.ServletContext;
import jakarta.servlet.ServletContextEvent;
import jakarta.servlet.ServletContextListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.DefaultServerConfigurator;

/**
 * The servlet side of the test web application, installed the same way on every container just
 * before Bowline's initializer: an identity filter, a catch-all servlet, a servlet that calls
 * {@code upgradeHttpToWebSocket}, and a listener that adds an endpoint through the context attribute.
 */
public class TestApplicationInitializer implements ServletContainerInitializer {

    /** Requests carrying this header act as the named user, in role "admin", with an HTTP session. */
    public static final String USER_HEADER = "X-Test-User";

    /** The context path of the application whose listener, after /added, adds an invalid endpoint. */
    public static final String LATE_INVALID_CONTEXT = "/late-invalid";

    @Override
    public void onStartup(Set<Class<?>> classes, ServletContext context) {
        context.addFilter("identity", new IdentityFilter())
                .addMappingForUrlPatterns(EnumSet.of(DispatcherType.REQUEST), false, "/*");
        context.addServlet("fallback", new FallbackServlet()).addMapping("/");
        context.addServlet("manual", new ManualUpgradeServlet()).addMapping("/manual/*");
        context.addListener(new AddingListener());
    }

    /** Stands in for container security: a principal and roles taken from a header, plus an HTTP session. */
    static final class IdentityFilter extends HttpFilter {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
                throws IOException, ServletException {
            String user = request.getHeader(USER_HEADER);
            if (user == null) {
                chain.doFilter(request, response);
                return;
            }
            request.getSession(true).setAttribute("user", user);
            Principal principal = () -> user;
            chain.doFilter(new HttpServletRequestWrapper(request) {
                @Override
                public Principal getUserPrincipal() {
                    return principal;
                }

                @Override
                public boolean isUserInRole(String role) {
                    return "admin".equals(role);
                }
            }, response);
        }
    }

    /** Answers every request nothing else took with 200 and "fallback " plus its path. */
    static final class FallbackServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
            byte[] body = ("fallback " + request.getRequestURI().substring(request.getContextPath().length()))
                    .getBytes(StandardCharsets.UTF_8);
            response.setStatus(200);
            response.setContentType("text/plain;charset=utf-8");
            response.setContentLength(body.length);
            response.getOutputStream().write(body);
        }
    }

    /**
     * Upgrades GET /manual/{id} to a {@link ProbeEndpoint} and GET /manual/annotated/{word} to an
     * {@link AnnotatedEcho} through ServerContainer.upgradeHttpToWebSocket.
     */
    static final class ManualUpgradeServlet extends HttpServlet {
        private static final long serialVersionUID = 1L;

        @Override
        protected void doGet(HttpServletRequest request, HttpServletResponse response)
                throws IOException, ServletException {
            ServerContainer container = (ServerContainer) getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            String pathInfo = request.getPathInfo();
            try {
                if (pathInfo.startsWith("/annotated/")) {
                    // An annotated class works too, as the TCK's upgradeHttpToWebSocket test uses it.
                    container.upgradeHttpToWebSocket(request, response,
                            ServerEndpointConfig.Builder.create(AnnotatedEcho.class, "/manual/annotated/{word}").build(),
                            Map.of("word", pathInfo.substring("/annotated/".length())));
                    return;
                }
                ServerEndpointConfig config = ServerEndpointConfig.Builder.create(ProbeEndpoint.class, "/manual/{id}")
                        .configurator(new ProbeConfigurator()).build();
                container.upgradeHttpToWebSocket(request, response, config, Map.of("id", pathInfo.substring(1)));
            } catch (DeploymentException e) {
                throw new ServletException(e);
            }
        }
    }

    /** Makes each {@link RelayEndpoint} with the application's container. */
    static final class RelayConfigurator extends DefaultServerConfigurator {
        private final ServerContainer container;

        RelayConfigurator(ServerContainer container) {
            this.container = container;
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new RelayEndpoint(container));
        }
    }

    /**
     * Adds an echo endpoint at /added once the application starts, as applications may, and a
     * {@link RelayEndpoint} at /relay that opens client connections through the context attribute's container.
     */
    static final class AddingListener implements ServletContextListener {
        @Override
        public void contextInitialized(ServletContextEvent event) {
            ServerContainer container = (ServerContainer) event.getServletContext()
                    .getAttribute("jakarta.websocket.server.ServerContainer");
            try {
                container.addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/added").build());
                container.addEndpoint(ServerEndpointConfig.Builder.create(RelayEndpoint.class, "/relay")
                        .configurator(new RelayConfigurator(container)).build());
            } catch (DeploymentException e) {
                // The broken test application refuses every endpoint; it must still start.
                event.getServletContext().log("addEndpoint(/added) failed: " + e.getMessage());
            }
            if (LATE_INVALID_CONTEXT.equals(event.getServletContext().getContextPath())) {
                try {
                    container.addEndpoint(InvalidPathParamEndpoint.class);
                } catch (DeploymentException e) {
                    // Swallowed, as applications do: the deployment must fail all the same.
                    event.getServletContext().log("addEndpoint(InvalidPathParamEndpoint) failed: " + e.getMessage());
                }
            }
        }
    }
}
