package org.bowline.container.client;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;

import org.bowline.container.endpoint.AnnotatedEndpoint;
import org.bowline.container.handshake.ClientHandshake;
import org.bowline.container.handshake.HandshakeFailedException;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.QueryString;
import org.bowline.container.io.Connection;
import org.bowline.container.io.NioReactor;
import org.bowline.container.io.TlsConnection;
import org.bowline.container.io.TlsSettings;
import org.bowline.container.frame.Role;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.SessionSetup;
import org.bowline.container.session.WsSession;

/**
 * One client connection attempt, run on the caller's thread: TCP connect, optional CONNECT tunnel,
 * optional TLS, the upgrade request and its 101, then the session. The I/O thread only moves bytes
 * and parses heads; application callbacks (the configurator) run here. Every failure closes what was
 * opened so far.
 */
final class ConnectAttempt {

    static final int MAX_HEAD_BYTES = 64 * 1024;

    private final ClientConnections clients;
    private final Endpoint endpoint;
    private final ClientEndpointConfig config;
    private final URI uri;
    private final ClientSettings settings;
    /** The connection's own limits (a user property), or null for the container's. */
    private final SessionLimits own;
    private final boolean secure;
    private final String host;
    private final int port;

    private Connection raw;
    private Connection connection;

    ConnectAttempt(ClientConnections clients, Endpoint endpoint, ClientEndpointConfig config, URI uri,
                   boolean secure) {
        this.clients = clients;
        this.endpoint = endpoint;
        this.config = config;
        this.uri = uri;
        this.settings = new ClientSettings(config.getUserProperties());
        // Read now, so a wrong type fails connectToServer at once rather than after the handshake.
        this.own = settings.object(SessionLimits.USER_PROPERTY, SessionLimits.class);
        this.secure = secure;
        String h = uri.getHost();
        this.host = h.startsWith("[") && h.endsWith("]") ? h.substring(1, h.length() - 1) : h;
        this.port = uri.getPort() != -1 ? uri.getPort() : secure ? 443 : 80;
    }

    Session run() throws IOException {
        ConnectDefaults defaults = clients.defaults();
        long connectTimeout = settings.millis(BowlineClientContainer.CONNECT_TIMEOUT, defaults.connectTimeout());
        long handshakeTimeout = settings.millis(BowlineClientContainer.HANDSHAKE_TIMEOUT,
                defaults.handshakeTimeout());
        ProxyRoute proxy = ProxyRoute.choose(settings.string(BowlineClientContainer.PROXY, defaults.proxy()),
                secure, host, port, settings.string(BowlineClientContainer.PROXY_USER, null),
                settings.string(BowlineClientContainer.PROXY_PASSWORD, null));
        ExtensionPlan plan = ExtensionPlan.of(config.getExtensions(), defaults.deflateOffered());
        ClientHandshake handshake = prepareHandshake(plan);
        SSLEngine engine = secure ? newEngine() : null;
        try {
            raw = connectTcp(proxy, connectTimeout);
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(handshakeTimeout);
            if (proxy != null) {
                tunnel(proxy, deadline, handshakeTimeout);
            }
            connection = engine == null ? raw : new TlsConnection(raw, engine, clients.reactor().writeWaterMarks());
            HeadExchange upgrade = new HeadExchange(connection, MAX_HEAD_BYTES, "server " + host + ":" + port);
            CompletableFuture<HeadExchange.Result> answer = upgrade.start(handshake.encodeRequest());
            if (proxy != null) {
                raw.resumeReading(); // the tunnel's reader suspended it when the 200 arrived
            }
            HeadExchange.Result result = await(answer, deadline, handshakeTimeout,
                    "WebSocket handshake with " + host + ":" + port);
            handshake.validateResponse(result.head());
            ExtensionPlan.Outcome extensions = plan.accept(handshake.extensions());
            afterResponse(result.head().headers());
            WsSession session = new WsSession(setup(handshake, extensions));
            session.startSuspended(result.leftover());   // the head reader suspended reading
            return session;
        } catch (IOException | RuntimeException | Error e) {
            abort();
            throw e;
        }
    }

    private ClientHandshake prepareHandshake(ExtensionPlan plan) throws IOException {
        List<String> subprotocols = config.getPreferredSubprotocols();
        ClientHandshake proposed = new ClientHandshake(uri, null, subprotocols, plan.header(), null);
        Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        for (Map.Entry<String, List<String>> e : proposed.requestHeaders().asMap().entrySet()) {
            headers.put(e.getKey(), new java.util.ArrayList<>(e.getValue()));
        }
        ClientEndpointConfig.Configurator configurator = config.getConfigurator();
        if (configurator != null) {
            try {
                configurator.beforeRequest(headers);
            } catch (RuntimeException e) {
                throw new IOException("ClientEndpointConfig.Configurator.beforeRequest failed for " + uri + ": " + e, e);
            }
        }
        try {
            return new ClientHandshake(uri, null, subprotocols, plan.header(), HttpHeaders.fromMap(headers));
        } catch (IllegalArgumentException e) {
            throw new HandshakeFailedException("Cannot build the upgrade request for " + uri + ": " + e.getMessage());
        }
    }

    private SSLEngine newEngine() throws IOException {
        SSLContext context = settings.object(BowlineClientContainer.SSL_CONTEXT, SSLContext.class);
        if (context == null) {
            context = config.getSSLContext();
        }
        if (context == null) {
            try {
                context = SSLContext.getDefault();
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IOException("No default SSLContext for " + uri, e);
            }
        }
        SSLEngine engine = context.createSSLEngine(host, port);
        engine.setUseClientMode(true);
        try {
            clients.defaults().tls().overriddenBy(settings.raw(BowlineClientContainer.TLS_PROTOCOLS),
                    settings.raw(BowlineClientContainer.TLS_CIPHER_SUITES)).applyTo(engine);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Cannot connect to " + uri + ": " + e.getMessage(), e);
        }
        SSLParameters parameters = engine.getSSLParameters();
        if (settings.flag(BowlineClientContainer.VERIFY_HOSTNAME, true)) {
            parameters.setEndpointIdentificationAlgorithm("HTTPS");
        }
        if (!isIpLiteral(host)) {
            parameters.setServerNames(List.of(new SNIHostName(host)));
        }
        engine.setSSLParameters(parameters);
        return engine;
    }

    private Connection connectTcp(ProxyRoute proxy, long connectTimeout) throws IOException {
        String targetHost = proxy == null ? host : proxy.host();
        int targetPort = proxy == null ? port : proxy.port();
        String what = proxy == null ? host + ":" + port : proxy.describe();
        InetSocketAddress address = new InetSocketAddress(targetHost, targetPort);
        if (address.isUnresolved()) {
            throw new UnknownHostException("Cannot resolve " + what + " for " + uri);
        }
        CompletableFuture<Connection> pending = clients.reactor().connect(address, connectTimeout);
        try {
            // The reactor enforces the connect timeout itself; the margin only guards against a lost completion.
            return pending.get(connectTimeout + 5_000, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            IOException failure = cause instanceof SocketTimeoutException
                    ? new SocketTimeoutException("Connect to " + what + " for " + uri + " timed out after "
                            + connectTimeout + " ms")
                    : new ConnectException("Cannot connect to " + what + " for " + uri + ": " + cause.getMessage());
            failure.initCause(cause);
            throw failure;
        } catch (TimeoutException e) {
            pending.thenAccept(Connection::abort);
            throw new SocketTimeoutException("Connect to " + what + " for " + uri + " timed out after "
                    + connectTimeout + " ms");
        } catch (InterruptedException e) {
            pending.thenAccept(Connection::abort);
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while connecting to " + what);
        }
    }

    private void tunnel(ProxyRoute proxy, long deadline, long handshakeTimeout) throws IOException {
        HeadExchange exchange = new HeadExchange(raw, MAX_HEAD_BYTES, proxy.describe());
        HeadExchange.Result result = await(exchange.start(proxy.connectRequest(host, port)), deadline,
                handshakeTimeout, "CONNECT through " + proxy.describe());
        int status = result.head().status();
        if (status / 100 != 2) {
            throw new HandshakeFailedException(proxy.describe() + " answered " + status + " "
                    + result.head().reason() + " to CONNECT " + ProxyRoute.hostForUri(host) + ":" + port
                    + (status == 407 ? " (proxy authentication required)" : ""), status);
        }
        if (result.leftover().hasRemaining()) {
            throw new HandshakeFailedException(proxy.describe() + " sent data before the tunnel was used");
        }
    }

    private <T> T await(CompletableFuture<T> future, long deadline, long timeoutMillis, String what)
            throws IOException {
        try {
            return future.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            throw new IOException(what + " failed: " + cause, cause);
        } catch (TimeoutException e) {
            throw new SocketTimeoutException(what + " did not complete within the handshake timeout of "
                    + timeoutMillis + " ms");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted during " + what);
        }
    }

    private void afterResponse(HttpHeaders responseHeaders) throws IOException {
        ClientEndpointConfig.Configurator configurator = config.getConfigurator();
        if (configurator == null) {
            return;
        }
        try {
            configurator.afterResponse(new ClientHandshakeResponse(responseHeaders.asMap()));
        } catch (RuntimeException e) {
            throw new IOException("ClientEndpointConfig.Configurator.afterResponse failed for " + uri + ": " + e, e);
        }
    }

    private SessionSetup setup(ClientHandshake handshake, ExtensionPlan.Outcome extensions) {
        BowlineWebSocketContainer container = clients.owner();
        SessionLimits base = own != null ? own : container.limitsForNewSession();
        SessionLimits limits = base.withCloseTimeoutMillis(settings.millis(BowlineClientContainer.CLOSE_TIMEOUT,
                own != null ? own.closeTimeoutMillis() : clients.defaults().closeTimeout()));
        String query = uri.getRawQuery();
        return new SessionSetup(connection, Role.CLIENT, endpoint, config, container, limits,
                container.sessionExecutor(), uri.toString(), query == null ? Map.of() : QueryString.parse(query), query, Map.of(), null,
                handshake.subprotocol(), extensions.extensions(), extensions.deflate(),
                clients.openSessions(endpoint instanceof AnnotatedEndpoint a
                        ? a.instance().getClass() : endpoint.getClass()));
    }

    private void abort() {
        if (connection != null) {
            connection.abort();
        }
        if (raw != null) {
            raw.abort();
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.indexOf(':') >= 0 || host.toLowerCase(Locale.ROOT).matches("[0-9.]+");
    }
}
