package org.bowline.container.server;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.websocket.Endpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.extension.ExtensionHeader;
import org.bowline.container.extension.ExtensionOffer;
import org.bowline.container.frame.Role;
import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.HttpParseException;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.handshake.RequestUri;
import org.bowline.container.handshake.ServerHandshakeRequest;
import org.bowline.container.handshake.ServerHandshakeResponse;
import org.bowline.container.handshake.UpgradeRequestValidator;
import org.bowline.container.path.PathMatcher;
import org.bowline.container.session.SessionSetup;
import org.bowline.container.session.WsSession;

/**
 * Decides an upgrade request the same way whichever host received it: endpoint lookup (404),
 * RFC 6455 request rules (400/426/405), origin check (403), subprotocol and extension
 * negotiation, the configurator's modifyHandshake, and the endpoint instance.
 */
public final class ServerHandshaker {

    private static final System.Logger LOG = System.getLogger(ServerHandshaker.class.getName());

    private final BowlineServerContainer container;
    /** The last request URI a session was opened with (see {@link #shared}). */
    private volatile String lastRequestUri;

    public ServerHandshaker(BowlineServerContainer container) {
        this.container = container;
    }

    /** Decides a request for whichever registered endpoint its path matches (404 when none). */
    public UpgradeOutcome negotiate(UpgradeRequest request) {
        return guarded(request, () -> {
            PathMatcher.Match<ServerEndpointConfig> match = container.match(request.head().rawPath());
            if (match == null) {
                return reject(404, "No WebSocket endpoint at " + request.head().rawPath());
            }
            return decide(request, match.value(), inTemplateOrder(match.pathParameters()));
        });
    }

    /**
     * Decides a request for an endpoint the host chose itself (a servlet container matches paths
     * relative to its web application; {@code ServerContainer.upgradeHttpToWebSocket} names the
     * configuration outright), which need not be registered with the container.
     */
    public UpgradeOutcome negotiate(UpgradeRequest request, ServerEndpointConfig config,
                                    Map<String, String> pathParameters) {
        return guarded(request, () -> decide(request, config, inTemplateOrder(pathParameters)));
    }

    /**
     * An unmodifiable copy that keeps the order it was given, which is the template's: the
     * spec leaves getPathParameters()'s order open, but a stable one is what applications (and
     * the TCK's session getPathParametersTest) print and compare.
     */
    private static Map<String, String> inTemplateOrder(Map<String, String> pathParameters) {
        return pathParameters == null || pathParameters.isEmpty() ? Map.of()
                : Collections.unmodifiableMap(new LinkedHashMap<>(pathParameters));
    }

    private static UpgradeOutcome guarded(UpgradeRequest request, java.util.function.Supplier<UpgradeOutcome> decision) {
        try {
            return decision.get();
        } catch (HandshakeRefusedException e) {
            return new UpgradeOutcome.Rejected(e.rejection());
        } catch (RuntimeException e) {
            LOG.log(System.Logger.Level.WARNING, "Upgrade of " + request.head().target() + " failed", e);
            return new UpgradeOutcome.Rejected(HandshakeRejection.of(500, "The WebSocket handshake failed: " + e));
        }
    }

    private UpgradeOutcome decide(UpgradeRequest request, ServerEndpointConfig config,
                                  Map<String, String> pathParameters) {
        HttpRequestHead head = request.head();
        Optional<HandshakeRejection> invalid = UpgradeRequestValidator.validate(head);
        if (invalid.isPresent()) {
            return new UpgradeOutcome.Rejected(invalid.get());
        }
        HttpHeaders headers = head.headers();
        if (!container.originAllowed(headers.first("Origin"))) {
            LOG.log(System.Logger.Level.DEBUG, "Refused a WebSocket upgrade to {0} from origin {1}: not in the"
                    + " allowed origins", head.rawPath(), headers.first("Origin"));
            return reject(403, "Origin " + headers.first("Origin") + " is not allowed");
        }
        ServerEndpointConfig.Configurator configurator = config.getConfigurator();
        if (!configurator.checkOrigin(headers.first("Origin"))) {
            return reject(403, "Origin " + headers.first("Origin") + " is not allowed");
        }

        HttpHeaders response = new HttpHeaders();
        List<String> requestedProtocols = headers.tokens("Sec-WebSocket-Protocol");
        String subprotocol = requestedProtocols.isEmpty() ? ""
                : configurator.getNegotiatedSubprotocol(config.getSubprotocols(), requestedProtocols);
        if (subprotocol != null && !subprotocol.isEmpty()) {
            response.set("Sec-WebSocket-Protocol", subprotocol);
        }

        List<ExtensionOffer> offers = ExtensionHeader.parse(headers.all("Sec-WebSocket-Extensions"));
        ExtensionNegotiation.Result agreed = ExtensionNegotiation.negotiate(config, offers, container.deflateEnabled());
        if (!agreed.response().isEmpty()) {
            response.set("Sec-WebSocket-Extensions", ExtensionHeader.format(agreed.response()));
        }

        RequestUri requestUri;
        try {
            requestUri = RequestUri.of(head, request.secure());
        } catch (HttpParseException e) {
            return reject(e.status(), e.getMessage());
        }
        ServerHandshakeRequest handshakeRequest = new ServerHandshakeRequest(head, requestUri,
                ServerHandshakeRequest.parameters(requestUri.rawQuery(), pathParameters),
                request.principal(), request.userInRole(), request.httpSession())
                .withConnection(pathParameters, request.remoteAddress());
        ServerHandshakeResponse handshakeResponse = new ServerHandshakeResponse(response);
        // This connection's view of the config: modifyHandshake's user properties are its own.
        HandshakeEndpointConfig connectionConfig = new HandshakeEndpointConfig(config);
        configurator.modifyHandshake(connectionConfig, handshakeRequest, handshakeResponse);
        HttpHeaders finalHeaders = handshakeResponse.toHttpHeaders();

        Endpoint endpoint;
        try {
            endpoint = container.endpointFor(config, configurator.getEndpointInstance(config.getEndpointClass()));
        } catch (InstantiationException e) {
            LOG.log(System.Logger.Level.WARNING, "Cannot create endpoint for " + config.getPath(), e);
            return reject(500, "Cannot create the endpoint: " + e.getMessage());
        }

        String chosenProtocol = subprotocol == null ? "" : subprotocol;
        Map<String, List<String>> parameters = handshakeRequest.getParameterMap();
        UpgradeOutcome.SessionFactory sessions = connection -> new WsSession(new SessionSetup(
                connection, Role.SERVER, endpoint, connectionConfig, container, container.limitsForNewSession(config),
                container.executor(), shared(requestUri.text()), parameters, handshakeRequest.getQueryString(),
                pathParameters, request.principal(), chosenProtocol, agreed.extensions(), agreed.deflate(),
                container.openSessions(config)));
        return new UpgradeOutcome.Accepted(headers.first("Sec-WebSocket-Key"), finalHeaders, sessions);
    }

    /**
     * The request URI's text, the very string the previous handshake's session got when the two are equal:
     * a session keeps it for getRequestURI, and the clients of an endpoint often all ask for the same URI,
     * so idle sessions can share one string instead of holding some 70 bytes each. A race between two
     * handshakes only loses a chance to share.
     */
    private String shared(String requestUri) {
        String last = lastRequestUri;
        if (requestUri.equals(last)) {
            return last;
        }
        lastRequestUri = requestUri;
        return requestUri;
    }

    private static UpgradeOutcome reject(int status, String body) {
        return new UpgradeOutcome.Rejected(HandshakeRejection.of(status, body));
    }
}
