package org.bowline.servlet;

import java.io.IOException;
import java.lang.System.Logger.Level;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Enumeration;
import java.util.Map;
import java.util.concurrent.ScheduledExecutorService;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.AcceptKey;
import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.handshake.SwitchingProtocols;
import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.TickTimer;
import org.bowline.container.server.ServerHandshaker;
import org.bowline.container.server.UpgradeBridge;
import org.bowline.container.server.UpgradeOutcome;
import org.bowline.container.server.UpgradeRequest;

/**
 * Runs the container's handshake on a servlet request and carries out its decision: an HTTP error
 * response, or the 101 headers and {@code HttpServletRequest.upgrade} to a {@link WebSocketUpgradeHandler}.
 * Also the container's {@link UpgradeBridge}, so {@code ServerContainer.upgradeHttpToWebSocket} takes
 * the same path.
 */
final class ServletUpgrader implements UpgradeBridge {

    private static final System.Logger LOG = System.getLogger(ServletUpgrader.class.getName());

    private final ServerHandshaker handshaker;
    private final WebSocketDeployment deployment;
    private final ScheduledExecutorService timers;
    /** The held-reply deadlines of all this application's connections, on its timer thread: one tick per ms, not a scheduled task per burst. */
    private final TickTimer ticks;
    private final OpenConnections connections;
    private final QueueBudget budget;

    ServletUpgrader(ServerHandshaker handshaker, WebSocketDeployment deployment, ScheduledExecutorService timers,
                    OpenConnections connections, QueueBudget budget) {
        this.budget = budget;
        this.handshaker = handshaker;
        this.deployment = deployment;
        this.timers = timers;
        this.ticks = new TickTimer(timers);
        this.connections = connections;
    }

    /**
     * Whether the request asks to become a WebSocket; anything else is none of our business. The
     * method is not checked here: a POST asking for a WebSocket at an endpoint's path gets the
     * handshake's 405.
     */
    static boolean isWebSocketUpgrade(HttpServletRequest request) {
        return hasToken(request.getHeaders("Upgrade"), "websocket");
    }

    private static boolean hasToken(Enumeration<String> values, String token) {
        if (values == null) {
            return false;
        }
        while (values.hasMoreElements()) {
            for (String part : values.nextElement().split(",")) {
                if (part.trim().equalsIgnoreCase(token)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The raw path within the web application, which endpoint paths are relative to. */
    static String pathInContext(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        String path = context != null && !context.isEmpty() && uri.startsWith(context)
                ? uri.substring(context.length()) : uri;
        return path.isEmpty() ? "/" : path;
    }

    @Override
    public void upgrade(Object request, Object response, ServerEndpointConfig config, Map<String, String> pathParameters)
            throws IOException, DeploymentException {
        if (!(request instanceof HttpServletRequest httpRequest)) {
            throw new DeploymentException("upgradeHttpToWebSocket needs an HttpServletRequest, got "
                    + (request == null ? "null" : request.getClass().getName()));
        }
        if (!(response instanceof HttpServletResponse httpResponse)) {
            throw new DeploymentException("upgradeHttpToWebSocket needs an HttpServletResponse, got "
                    + (response == null ? "null" : response.getClass().getName()));
        }
        if (deployment.failed()) {
            throw new DeploymentException("This web application serves no WebSocket endpoints: "
                    + deployment.failure());
        }
        try {
            upgrade(httpRequest, httpResponse, config, pathParameters);
        } catch (ServletException e) {
            throw new IOException("The servlet container refused the upgrade to " + config.getPath() + ": "
                    + e.getMessage(), e);
        }
    }

    /** Handshake for {@code config}, then either the error response or the switch to WebSocket. */
    void upgrade(HttpServletRequest request, HttpServletResponse response, ServerEndpointConfig config,
                 Map<String, String> pathParameters) throws IOException, ServletException {
        UpgradeRequest upgradeRequest;
        try {
            upgradeRequest = upgradeRequestOf(request);
        } catch (IllegalArgumentException e) {
            reject(response, HandshakeRejection.of(400, "Malformed request: " + e.getMessage()));
            return;
        }
        UpgradeOutcome outcome = handshaker.negotiate(upgradeRequest, config, pathParameters);
        if (outcome instanceof UpgradeOutcome.Rejected rejected) {
            reject(response, rejected.rejection());
        } else if (outcome instanceof UpgradeOutcome.Accepted accepted) {
            switchProtocols(request, response, accepted);
        }
    }

    private void switchProtocols(HttpServletRequest request, HttpServletResponse response,
                                        UpgradeOutcome.Accepted accepted) throws IOException, ServletException {
        // Some containers expect 101 and these headers to be in place when upgrade() is called.
        response.setStatus(HttpServletResponse.SC_SWITCHING_PROTOCOLS);
        response.setHeader("Upgrade", "websocket");
        response.setHeader("Connection", "Upgrade");
        response.setHeader("Sec-WebSocket-Accept", AcceptKey.of(accepted.secWebSocketKey()));
        accepted.responseHeaders().asMap().forEach((name, values) -> {
            if (!SwitchingProtocols.isProtocolField(name)) {
                values.forEach(value -> response.addHeader(name, value));
            }
        });
        ConnectionFacts facts = ConnectionFacts.of(request);
        UpgradedStreams hostStreams = UpgradedStreams.of(request);
        WebSocketUpgradeHandler handler = request.upgrade(WebSocketUpgradeHandler.class);
        handler.useHostStreams(hostStreams);
        handler.attach(accepted, facts, timers, ticks, connections, budget);
    }

    private static void reject(HttpServletResponse response, HandshakeRejection rejection) throws IOException {
        LOG.log(Level.DEBUG, "Refused WebSocket handshake: {0} {1}", rejection.status(), rejection.body());
        if (response.isCommitted()) {
            return;
        }
        response.resetBuffer();
        response.setStatus(rejection.status());
        rejection.headers().asMap().forEach((name, values) -> values.forEach(value -> response.addHeader(name, value)));
        response.setContentType("text/plain;charset=utf-8");
        byte[] body = rejection.body().getBytes(StandardCharsets.UTF_8);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    private static UpgradeRequest upgradeRequestOf(HttpServletRequest request) {
        HttpHeaders headers = new HttpHeaders();
        for (String name : Collections.list(request.getHeaderNames())) {
            for (String value : Collections.list(request.getHeaders(name))) {
                headers.add(name, value);
            }
        }
        String query = request.getQueryString();
        String target = request.getRequestURI() + (query == null ? "" : "?" + query);
        HttpRequestHead head = new HttpRequestHead(request.getMethod(), target, request.getProtocol(), headers);
        HttpSession session = request.getSession(false);
        return new UpgradeRequest(head, request.isSecure(), request.getUserPrincipal(), request::isUserInRole, session,
                new InetSocketAddress(request.getRemoteAddr(), request.getRemotePort()));
    }
}
