package org.bowline.container.client;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.bowline.container.endpoint.Instantiator;
import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.handshake.HandshakeFailedException;
import org.bowline.container.io.NioReactor;
import org.bowline.container.io.TlsSettings;
import org.bowline.container.server.SessionExecutors;
import org.bowline.container.session.SessionLimits;

/**
 * Bowline's client {@link WebSocketContainer} for programmatic endpoints and annotated
 * {@code @ClientEndpoint} classes. {@code connectToServer} blocks until the
 * session is open or the attempt failed; a failure closes everything the attempt opened.
 *
 * <p>Each container has one NIO reactor (one daemon selector thread and a timer thread, started on the
 * first connect) and one executor for session callbacks; {@link #close()} stops both and closes the
 * container's connections.
 *
 * <p>Settings per connection, as user properties of the {@link ClientEndpointConfig} (strings or
 * natural types; each falls back to the container-wide setter):
 * <ul>
 * <li>{@value #CONNECT_TIMEOUT}: TCP connect timeout in ms (default 10000)</li>
 * <li>{@value #HANDSHAKE_TIMEOUT}: one deadline in ms for everything after the TCP connect: proxy
 *     CONNECT, TLS handshake and the 101 (default 10000)</li>
 * <li>{@value #CLOSE_TIMEOUT}: how long a closing session waits for the server, in ms (default 5000)</li>
 * <li>{@value #SSL_CONTEXT}: the {@link javax.net.ssl.SSLContext} for wss; without it
 *     {@link ClientEndpointConfig#getSSLContext()}, else {@code SSLContext.getDefault()}</li>
 * <li>{@value #TLS_PROTOCOLS} and {@value #TLS_CIPHER_SUITES}: the TLS versions and cipher suites wss may
 *     use, comma-separated or as a {@code String[]} (default {@link #setTlsSettings}: TLS 1.3 and 1.2, the
 *     JDK's default suites)</li>
 * <li>{@value #VERIFY_HOSTNAME}: {@code false} turns off checking the server certificate against the
 *     host name (on by default)</li>
 * <li>{@value #PROXY}: an HTTP proxy "host:port" to tunnel through with CONNECT; without it the
 *     default {@link java.net.ProxySelector} decides, so {@code http.proxyHost}/{@code https.proxyHost}
 *     and {@code http.nonProxyHosts} apply</li>
 * <li>{@value #PROXY_USER} and {@value #PROXY_PASSWORD}: Basic credentials for the proxy</li>
 * </ul>
 * permessage-deflate is offered when the config's extensions name it, or for every connection when
 * {@link #setPermessageDeflateOffered(boolean)} is on (off by default). Other requested extensions
 * are offered as they are.
 */
public final class BowlineClientContainer implements WebSocketContainer, AutoCloseable {

    /** User property: TCP connect timeout in milliseconds. */
    public static final String CONNECT_TIMEOUT = "org.bowline.client.connectTimeout";
    /** User property: the whole handshake's deadline in milliseconds. */
    public static final String HANDSHAKE_TIMEOUT = "org.bowline.client.handshakeTimeout";
    /** User property: close handshake timeout in milliseconds. */
    public static final String CLOSE_TIMEOUT = "org.bowline.client.closeTimeout";
    /** User property: the SSLContext for wss. */
    public static final String SSL_CONTEXT = "org.bowline.client.sslContext";
    /** User property: the TLS protocol versions for wss (see {@link TlsSettings}). */
    public static final String TLS_PROTOCOLS = "org.bowline.client.tlsProtocols";
    /** User property: the TLS cipher suites for wss (see {@link TlsSettings}). */
    public static final String TLS_CIPHER_SUITES = "org.bowline.client.tlsCipherSuites";
    /** User property: false disables host name verification for wss. */
    public static final String VERIFY_HOSTNAME = "org.bowline.client.verifyHostname";
    /** User property: "host:port" of an HTTP proxy. */
    public static final String PROXY = "org.bowline.client.proxy";
    /** User property: proxy Basic auth user. */
    public static final String PROXY_USER = "org.bowline.client.proxyUser";
    /** User property: proxy Basic auth password. */
    public static final String PROXY_PASSWORD = "org.bowline.client.proxyPassword";

    private static final AtomicInteger COUNT = new AtomicInteger();
    private static final Set<Extension> INSTALLED =
            Set.of(new NegotiatedExtension(PerMessageDeflate.NAME, List.of()));

    private final String name = "bowline-client-" + COUNT.incrementAndGet();
    private final Map<Class<?>, Set<Session>> openSessions = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private NioReactor reactor;
    private ExecutorService executor;
    private boolean closed;

    private volatile long asyncSendTimeout;
    private volatile long idleTimeout;
    private volatile int maxBinary = (int) SessionLimits.DEFAULT_MAX_MESSAGE;
    private volatile int maxText = (int) SessionLimits.DEFAULT_MAX_MESSAGE;
    private volatile long connectTimeout = 10_000;
    private volatile long handshakeTimeout = 10_000;
    private volatile long closeTimeout = SessionLimits.defaults().closeTimeoutMillis();
    private volatile boolean deflateOffered;
    private volatile String proxy;
    private volatile TlsSettings tls = TlsSettings.defaults();

    /** The TLS versions and cipher suites wss connections may use unless their user properties say otherwise. */
    public TlsSettings getTlsSettings() {
        return tls;
    }

    /** Sets {@link #getTlsSettings()}; by default {@link TlsSettings#defaults()} (TLS 1.3 and 1.2 only). */
    public void setTlsSettings(TlsSettings settings) {
        if (settings == null) {
            throw new IllegalArgumentException("TLS settings must not be null (TlsSettings.defaults() is the default)");
        }
        this.tls = settings;
    }

    @Override
    public Session connectToServer(Object annotatedEndpointInstance, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointInstance == null) {
            throw new DeploymentException("The endpoint must not be null");
        }
        if (annotatedEndpointInstance instanceof Endpoint endpoint) {
            return connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), path);
        }
        AnnotatedClientEndpoints.Adapted adapted = AnnotatedClientEndpoints.adapt(annotatedEndpointInstance);
        return connectToServer(adapted.endpoint(), adapted.config(), path);
    }

    @Override
    public Session connectToServer(Class<?> annotatedEndpointClass, URI path) throws DeploymentException, IOException {
        if (annotatedEndpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        if (Endpoint.class.isAssignableFrom(annotatedEndpointClass)) {
            return connectToServer(annotatedEndpointClass.asSubclass(Endpoint.class),
                    ClientEndpointConfig.Builder.create().build(), path);
        }
        AnnotatedClientEndpoints.annotationOf(annotatedEndpointClass);
        return connectToServer(Instantiator.create(annotatedEndpointClass,
                "annotated client endpoint; connectToServer(Class, URI) creates one instance"), path);
    }

    @Override
    public Session connectToServer(Endpoint endpointInstance, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointInstance == null) {
            throw new DeploymentException("The endpoint must not be null");
        }
        ClientEndpointConfig config = cec == null ? ClientEndpointConfig.Builder.create().build() : cec;
        boolean secure = checkUri(path);
        try {
            return new ConnectAttempt(this, endpointInstance, config, path, secure).run();
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + path + ": " + e.getMessage(), e);
        } catch (HandshakeFailedException e) {
            // The server (or proxy) answered, but not with a usable 101: as Tyrus and Tomcat do, that is a
            // DeploymentException ("a protocol problem that prevented the client endpoint being connected",
            // WebSocketContainer.connectToServer). Transport failures and timeouts stay IOExceptions.
            throw new DeploymentException("The WebSocket handshake with " + path + " failed: " + e.getMessage(), e);
        }
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        Endpoint endpoint;
        try {
            endpoint = endpointClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot instantiate endpoint " + endpointClass.getName()
                    + " (it needs a public no-argument constructor): " + e, e);
        }
        return connectToServer(endpoint, cec, path);
    }

    /** @return whether the URI is wss */
    private static boolean checkUri(URI path) throws DeploymentException {
        if (path == null) {
            throw new DeploymentException("The URI must not be null");
        }
        String scheme = path.getScheme() == null ? "" : path.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("ws") && !scheme.equals("wss")) {
            throw new DeploymentException("Unsupported scheme '" + path.getScheme() + "' in " + path
                    + ": a WebSocket client connects to ws or wss URIs");
        }
        if (path.getHost() == null) {
            throw new DeploymentException("The URI has no host: " + path);
        }
        return scheme.equals("wss");
    }

    // ---- shared resources ----

    NioReactor reactor() throws IOException {
        synchronized (lifecycle) {
            if (closed) {
                throw new IOException("Client container " + name + " is closed");
            }
            if (reactor == null) {
                NioReactor r = new NioReactor(name, 1);
                r.start();
                reactor = r;
            }
            return reactor;
        }
    }

    ExecutorService executor() {
        synchronized (lifecycle) {
            if (executor == null) {
                executor = SessionExecutors.newDefault(name + "-session");
            }
            return executor;
        }
    }

    Set<Session> openSessions(Class<?> endpointClass) {
        return openSessions.computeIfAbsent(endpointClass, c -> ConcurrentHashMap.newKeySet());
    }

    SessionLimits sessionLimits() {
        return SessionLimits.defaults()
                .withMaxMessageBytes(maxText, maxBinary)
                .withIdleTimeoutMillis(Math.max(0, idleTimeout))
                .withSendTimeoutMillis(asyncSendTimeout);
    }

    /**
     * Closes every connection of this container and stops its threads (the I/O threads are joined).
     * Sessions see their connection closed. Idempotent; connecting afterwards fails.
     */
    @Override
    public void close() {
        NioReactor r;
        ExecutorService e;
        synchronized (lifecycle) {
            closed = true;
            r = reactor;
            e = executor;
        }
        if (r != null) {
            r.close();
        }
        if (e != null) {
            e.shutdown();
        }
    }

    /** The prefix of this container's thread names. */
    public String name() {
        return name;
    }

    // ---- container defaults ----

    @Override
    public long getDefaultAsyncSendTimeout() {
        return asyncSendTimeout;
    }

    @Override
    public void setAsyncSendTimeout(long timeoutmillis) {
        this.asyncSendTimeout = timeoutmillis;
    }

    @Override
    public long getDefaultMaxSessionIdleTimeout() {
        return idleTimeout;
    }

    @Override
    public void setDefaultMaxSessionIdleTimeout(long timeout) {
        this.idleTimeout = timeout;
    }

    @Override
    public int getDefaultMaxBinaryMessageBufferSize() {
        return maxBinary;
    }

    @Override
    public void setDefaultMaxBinaryMessageBufferSize(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be > 0, was " + max);
        }
        this.maxBinary = max;
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxText;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        if (max <= 0) {
            throw new IllegalArgumentException("max must be > 0, was " + max);
        }
        this.maxText = max;
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return INSTALLED;
    }

    /** Default TCP connect timeout in ms (10000); per connection: {@value #CONNECT_TIMEOUT}. */
    public long getConnectTimeout() {
        return connectTimeout;
    }

    public void setConnectTimeout(long millis) {
        this.connectTimeout = positive(millis);
    }

    /** Default handshake deadline in ms (10000); per connection: {@value #HANDSHAKE_TIMEOUT}. */
    public long getHandshakeTimeout() {
        return handshakeTimeout;
    }

    public void setHandshakeTimeout(long millis) {
        this.handshakeTimeout = positive(millis);
    }

    /** Default close timeout in ms (5000); per connection: {@value #CLOSE_TIMEOUT}. */
    public long getCloseTimeout() {
        return closeTimeout;
    }

    public void setCloseTimeout(long millis) {
        this.closeTimeout = positive(millis);
    }

    /** Whether permessage-deflate is offered even when the config does not ask for it (off by default). */
    public boolean isPermessageDeflateOffered() {
        return deflateOffered;
    }

    public void setPermessageDeflateOffered(boolean offered) {
        this.deflateOffered = offered;
    }

    /** The container-wide HTTP proxy "host:port", or null to let the ProxySelector decide; per connection: {@value #PROXY}. */
    public String getProxy() {
        return proxy;
    }

    public void setProxy(String hostAndPort) {
        this.proxy = hostAndPort;
    }

    private static long positive(long millis) {
        if (millis <= 0) {
            throw new IllegalArgumentException("timeout must be > 0 ms, was " + millis);
        }
        return millis;
    }

    @Override
    public String toString() {
        return "BowlineClientContainer[" + name + "]";
    }
}
