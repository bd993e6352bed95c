package org.bowline.container.server;

import java.io.IOException;
import java.util.Collections;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerContainer;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.client.BowlineWebSocketContainer;
import org.bowline.container.endpoint.AnnotatedEndpoint;
import org.bowline.container.endpoint.AnnotatedEndpointModel;
import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.path.PathMatcher;
import org.bowline.container.path.UriTemplate;
import org.bowline.container.session.SessionLimits;

/**
 * The server side {@link ServerContainer}: the endpoint registry and the executor sessions run their
 * callbacks on; the container-wide defaults and client connections ({@code connectToServer}, as a
 * {@code ServerContainer} is a {@code WebSocketContainer}) come from {@link BowlineWebSocketContainer}.
 * Hosts (the standalone server, the servlet bridge) hand it upgrade requests through
 * {@link ServerHandshaker}, and stop its client connections when they stop
 * ({@link #stopClientConnections}).
 */
public class BowlineServerContainer extends BowlineWebSocketContainer implements ServerContainer {

    private static final System.Logger LOG = System.getLogger(BowlineServerContainer.class.getName());
    private static final AtomicInteger COUNT = new AtomicInteger();

    private final PathMatcher<ServerEndpointConfig> endpoints = new PathMatcher<>();
    private final Map<ServerEndpointConfig, Set<Session>> openSessions = new ConcurrentHashMap<>();
    private final Map<ServerEndpointConfig, AnnotatedEndpointModel> annotatedModels = new ConcurrentHashMap<>();

    private final Executor executor;
    private final boolean deflateEnabled;

    private volatile UpgradeBridge upgradeBridge;
    private volatile Consumer<? super DeploymentException> deploymentFailureListener;

    public BowlineServerContainer(SessionLimits limits, Executor executor, boolean deflateEnabled) {
        this(limits, executor, deflateEnabled, "bowline-server-client-" + COUNT.incrementAndGet());
    }

    /**
     * @param clientName the prefix of the names of the threads that carry the client connections
     *                   applications open through this container ({@code connectToServer})
     */
    public BowlineServerContainer(SessionLimits limits, Executor executor, boolean deflateEnabled, String clientName) {
        super(limits, clientName);
        this.executor = executor;
        this.deflateEnabled = deflateEnabled;
    }

    /**
     * Stops the client connections applications opened through this container, for good: each open client
     * session is sent 1001 (going away) and gets up to {@code graceMillis} to finish its close handshake
     * (negative: none), then every one still open is cut and their I/O threads are stopped and joined.
     * Their last callbacks (onClose) are queued on {@link #executor()}, which the host stops after this.
     */
    public void stopClientConnections(long graceMillis) {
        clientConnections().stop(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "The container is stopping"),
                graceMillis);
    }

    /**
     * Tells {@code listener} about every {@link DeploymentException} an {@code addEndpoint} call
     * throws, before the caller sees it. A host deploying an application uses it to take the whole
     * application's endpoints out of service (Jakarta WebSocket 2.2, section 5.2.1), also when the
     * application adds the bad endpoint itself and swallows the exception, as a
     * {@code ServletContextListener} may. Null removes it.
     */
    public void setDeploymentFailureListener(Consumer<? super DeploymentException> listener) {
        this.deploymentFailureListener = listener;
    }

    @Override
    public void addEndpoint(Class<?> endpointClass) throws DeploymentException {
        try {
            addAnnotatedEndpoint(endpointClass);
        } catch (DeploymentException e) {
            deploymentFailed(e);
            throw e;
        }
    }

    @Override
    public void addEndpoint(ServerEndpointConfig config) throws DeploymentException {
        try {
            addConfiguredEndpoint(config);
        } catch (DeploymentException e) {
            deploymentFailed(e);
            throw e;
        }
    }

    private void deploymentFailed(DeploymentException e) {
        Consumer<? super DeploymentException> listener = deploymentFailureListener;
        if (listener != null) {
            listener.accept(e);
        }
    }

    private void addAnnotatedEndpoint(Class<?> endpointClass) throws DeploymentException {
        if (endpointClass == null) {
            throw new DeploymentException("Endpoint class must not be null");
        }
        ServerEndpoint annotation = endpointClass.getAnnotation(ServerEndpoint.class);
        if (annotation == null) {
            throw new DeploymentException("Class " + endpointClass.getName() + " is not annotated with @ServerEndpoint;"
                    + " register a programmatic Endpoint with addEndpoint(ServerEndpointConfig)");
        }
        addConfiguredEndpoint(AnnotatedServerEndpoints.configOf(endpointClass, annotation));
    }

    private void addConfiguredEndpoint(ServerEndpointConfig config) throws DeploymentException {
        if (config == null) {
            throw new DeploymentException("ServerEndpointConfig must not be null");
        }
        Class<?> type = config.getEndpointClass();
        if (type == null) {
            throw new DeploymentException("The endpoint class of path " + config.getPath() + " is null");
        }
        UriTemplate template;
        try {
            template = UriTemplate.parse(config.getPath());
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Invalid path for endpoint " + type.getName() + ": " + e.getMessage());
        }
        // A class that is not an Endpoint is an annotated endpoint (ServerEndpointConfig.getEndpointClass).
        AnnotatedEndpointModel model = null;
        if (!Endpoint.class.isAssignableFrom(type)) {
            model = AnnotatedEndpointModel.of(type, config.getDecoders(), config.getEncoders());
            if (!model.hasCallbacks() && !type.isAnnotationPresent(ServerEndpoint.class)) {
                throw new DeploymentException("Endpoint class " + type.getName() + " of path " + config.getPath()
                        + " neither extends jakarta.websocket.Endpoint nor is an annotated endpoint"
                        + " (@ServerEndpoint, @OnOpen, @OnMessage, ...)");
            }
            AnnotatedServerEndpoints.warnAboutUnknownPathParams(model, config.getPath(), template.variableNames());
        }
        try {
            endpoints.add(template, config);
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot deploy " + type.getName() + ": " + e.getMessage());
        }
        if (model != null) {
            annotatedModels.put(config, model);
        }
        openSessions.put(config, ConcurrentHashMap.newKeySet());
    }

    /**
     * The endpoint a session of {@code config} talks to: the instance when it is an Endpoint, else the
     * adapter around the annotated instance. A config that was never added (a host upgrading with its
     * own config) gets its model here, from the same per-class cache.
     */
    public Endpoint endpointFor(ServerEndpointConfig config, Object instance) throws InstantiationException {
        if (instance instanceof Endpoint endpoint) {
            return endpoint;
        }
        if (instance == null) {
            throw new InstantiationException("The configurator of " + config.getPath() + " returned no endpoint");
        }
        AnnotatedEndpointModel model = annotatedModels.get(config);
        if (model == null) {
            try {
                model = AnnotatedEndpointModel.of(config.getEndpointClass(), config.getDecoders(), config.getEncoders());
            } catch (DeploymentException e) {
                InstantiationException ie = new InstantiationException(e.getMessage());
                ie.initCause(e);
                throw ie;
            }
        }
        if (!model.endpointClass().isInstance(instance)) {
            throw new InstantiationException("The configurator of " + config.getPath() + " returned a "
                    + instance.getClass().getName() + " for endpoint class " + config.getEndpointClass().getName());
        }
        return new AnnotatedEndpoint(instance, model);
    }

    @Override
    public void upgradeHttpToWebSocket(Object httpServletRequest, Object httpServletResponse, ServerEndpointConfig sec,
                                       Map<String, String> pathParameters) throws IOException, DeploymentException {
        UpgradeBridge bridge = upgradeBridge;
        if (bridge == null) {
            throw new DeploymentException("upgradeHttpToWebSocket needs a servlet container; the standalone Bowline"
                    + " server has no servlet requests to upgrade");
        }
        if (sec == null) {
            throw new DeploymentException("upgradeHttpToWebSocket: ServerEndpointConfig must not be null");
        }
        bridge.upgrade(httpServletRequest, httpServletResponse, sec,
                pathParameters == null ? Map.of() : pathParameters);
    }

    /** A snapshot of every open session of every endpoint, e.g. for a host closing them as it stops. */
    public Set<Session> allOpenSessions() {
        Set<Session> all = new java.util.HashSet<>();
        openSessions.values().forEach(all::addAll);
        return all;
    }

    /** Installs the host's implementation of {@link #upgradeHttpToWebSocket}; null removes it. */
    public void setUpgradeBridge(UpgradeBridge bridge) {
        this.upgradeBridge = bridge;
    }

    /** The endpoint for a raw request path, or null (the host answers 404). */
    public PathMatcher.Match<ServerEndpointConfig> match(String rawPath) {
        return endpoints.match(rawPath);
    }

    Set<Session> openSessions(ServerEndpointConfig config) {
        return openSessions.computeIfAbsent(config, c -> ConcurrentHashMap.newKeySet());
    }

    private volatile org.bowline.container.handshake.OriginAllowList allowedOrigins;

    /**
     * Only requests whose {@code Origin} is in this list (exact origins and {@code *.example.com} patterns,
     * see {@link org.bowline.container.handshake.OriginAllowList}) are upgraded; others get {@code 403}
     * before any endpoint code (its Configurator included) runs. It applies on top of each endpoint's
     * {@code Configurator.checkOrigin}. Null or empty: no list (the default; every origin reaches checkOrigin).
     *
     * @throws IllegalArgumentException naming an entry that is neither an origin nor a pattern
     */
    public void setAllowedOrigins(java.util.Collection<String> origins) {
        this.allowedOrigins = origins == null || origins.isEmpty() ? null
                : org.bowline.container.handshake.OriginAllowList.of(origins);
    }

    /** Whether the allow-list (if any) lets this {@code Origin} header value in. */
    public boolean originAllowed(String origin) {
        org.bowline.container.handshake.OriginAllowList list = allowedOrigins;
        return list == null || list.allows(origin);
    }

    /**
     * The limits a session of {@code config} opening now starts with: the endpoint's own (a
     * {@link SessionLimits} under {@link SessionLimits#USER_PROPERTY} in its user properties) or else
     * the container's.
     */
    public SessionLimits limitsForNewSession(ServerEndpointConfig config) {
        Object own = config == null ? null : config.getUserProperties().get(SessionLimits.USER_PROPERTY);
        if (own instanceof SessionLimits endpointLimits) {
            return endpointLimits;
        }
        if (own != null) {
            LOG.log(System.Logger.Level.WARNING, "Endpoint " + config.getPath() + ": user property "
                    + SessionLimits.USER_PROPERTY + " is a " + own.getClass().getName()
                    + ", not a SessionLimits; the container's limits apply");
        }
        return limitsForNewSession();
    }

    public Executor executor() {
        return executor;
    }

    /** Client sessions opened through this container run their callbacks where its server sessions do. */
    @Override
    public Executor sessionExecutor() {
        return executor;
    }

    public boolean deflateEnabled() {
        return deflateEnabled;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return deflateEnabled
                ? Set.of(new NegotiatedExtension(PerMessageDeflate.NAME, java.util.List.of()))
                : Collections.emptySet();
    }
}
