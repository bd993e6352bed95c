package org.bowline.servlet;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpFilter;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.path.PathMatcher;
import org.bowline.container.server.BowlineServerContainer;

/**
 * Mapped to every path of a web application: turns WebSocket upgrade requests for a registered
 * endpoint into WebSockets and passes every other request (including upgrades for unknown paths,
 * which the application may serve itself) down the chain untouched.
 */
final class UpgradeFilter extends HttpFilter {

    private static final long serialVersionUID = 1L;

    private final transient BowlineServerContainer container;
    private final transient ServletUpgrader upgrader;
    private final transient WebSocketDeployment deployment;

    UpgradeFilter(BowlineServerContainer container, ServletUpgrader upgrader, WebSocketDeployment deployment) {
        this.container = container;
        this.upgrader = upgrader;
        this.deployment = deployment;
    }

    @Override
    protected void doFilter(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws IOException, ServletException {
        if (!deployment.serving() || !ServletUpgrader.isWebSocketUpgrade(request)) {
            chain.doFilter(request, response);
            return;
        }
        PathMatcher.Match<ServerEndpointConfig> match = container.match(ServletUpgrader.pathInContext(request));
        if (match == null) {
            chain.doFilter(request, response);
            return;
        }
        upgrader.upgrade(request, response, match.value(), match.pathParameters());
    }
}
