package org.bowline.container.client;

import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.WebSocketContainer;

import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.io.TlsSettings;
import org.bowline.container.session.SessionExecutors;
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
 * <li>{@value org.bowline.container.session.SessionLimits#USER_PROPERTY}: a {@link SessionLimits} the
 *     session uses instead of the container's (a {@value #CLOSE_TIMEOUT} set beside it still wins),
 *     as a server endpoint's user property does</li>
 * </ul>
 * permessage-deflate is offered when the config's extensions name it, or for every connection when
 * {@link #setPermessageDeflateOffered(boolean)} is on (off by default). Other requested extensions
 * are offered as they are.
 */
public final class BowlineClientContainer extends BowlineWebSocketContainer implements AutoCloseable {

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

    private final Object lifecycle = new Object();
    private ExecutorService executor;
    private boolean closed;

    public BowlineClientContainer() {
        super(SessionLimits.defaults(), "bowline-client-" + COUNT.incrementAndGet());
    }

    @Override
    public ExecutorService sessionExecutor() {
        synchronized (lifecycle) {
            if (executor == null) {
                executor = SessionExecutors.newDefault(name() + "-session");
                if (closed) {
                    executor.shutdown(); // nothing runs on a closed container's executor
                }
            }
            return executor;
        }
    }

    /**
     * Closes every connection of this container and stops its threads (the I/O threads are joined).
     * Sessions see their connection closed. Idempotent; connecting afterwards fails.
     */
    @Override
    public void close() {
        ExecutorService e;
        synchronized (lifecycle) {
            closed = true;
            e = executor;
        }
        clientConnections().stop(null, -1);
        if (e != null) {
            e.shutdown();
        }
    }

    /** The prefix of this container's thread names. */
    public String name() {
        return clientConnections().name();
    }

    @Override
    public Set<Extension> getInstalledExtensions() {
        return INSTALLED;
    }

    /** The TLS versions and cipher suites wss connections may use unless their user properties say otherwise. */
    public TlsSettings getTlsSettings() {
        return clientConnections().defaults().tls();
    }

    /** Sets {@link #getTlsSettings()}; by default {@link TlsSettings#defaults()} (TLS 1.3 and 1.2 only). */
    public void setTlsSettings(TlsSettings settings) {
        clientConnections().defaults().setTls(settings);
    }

    /** Default TCP connect timeout in ms (10000); per connection: {@value #CONNECT_TIMEOUT}. */
    public long getConnectTimeout() {
        return clientConnections().defaults().connectTimeout();
    }

    public void setConnectTimeout(long millis) {
        clientConnections().defaults().setConnectTimeout(millis);
    }

    /** Default handshake deadline in ms (10000); per connection: {@value #HANDSHAKE_TIMEOUT}. */
    public long getHandshakeTimeout() {
        return clientConnections().defaults().handshakeTimeout();
    }

    public void setHandshakeTimeout(long millis) {
        clientConnections().defaults().setHandshakeTimeout(millis);
    }

    /** Default close timeout in ms (5000); per connection: {@value #CLOSE_TIMEOUT}. */
    public long getCloseTimeout() {
        return clientConnections().defaults().closeTimeout();
    }

    public void setCloseTimeout(long millis) {
        clientConnections().defaults().setCloseTimeout(millis);
    }

    /** Whether permessage-deflate is offered even when the config does not ask for it (off by default). */
    public boolean isPermessageDeflateOffered() {
        return clientConnections().defaults().deflateOffered();
    }

    public void setPermessageDeflateOffered(boolean offered) {
        clientConnections().defaults().setDeflateOffered(offered);
    }

    /** The container-wide HTTP proxy "host:port", or null to let the ProxySelector decide; per connection: {@value #PROXY}. */
    public String getProxy() {
        return clientConnections().defaults().proxy();
    }

    public void setProxy(String hostAndPort) {
        clientConnections().defaults().setProxy(hostAndPort);
    }

    @Override
    public String toString() {
        return "BowlineClientContainer[" + name() + "]";
    }
}
