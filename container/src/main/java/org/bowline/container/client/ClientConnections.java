package org.bowline.container.client;

import java.io.IOException;
import java.net.URI;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;

import org.bowline.container.handshake.HandshakeFailedException;
import org.bowline.container.io.NioReactor;

/**
 * The outgoing connections of one container, client or server alike: the NIO reactor they run on (one
 * selector thread and a timer thread, started on the first connect), the open sessions by endpoint class,
 * and stopping them all. Session callbacks run on the owning container's executor.
 */
public final class ClientConnections {

    private static final System.Logger LOG = System.getLogger(ClientConnections.class.getName());

    private final BowlineWebSocketContainer owner;
    private final String name;
    private final ConnectDefaults defaults = new ConnectDefaults();
    private final Map<Class<?>, Set<Session>> openSessions = new ConcurrentHashMap<>();
    private final Object lifecycle = new Object();
    private NioReactor reactor;
    private boolean stopped;

    ClientConnections(BowlineWebSocketContainer owner, String name) {
        this.owner = owner;
        this.name = name;
    }

    /** The prefix of the names of the threads started for these connections. */
    public String name() {
        return name;
    }

    public ConnectDefaults defaults() {
        return defaults;
    }

    /** Opens one session; blocks until it is open or the attempt failed (which closes what it opened). */
    Session connect(Endpoint endpoint, ClientEndpointConfig config, URI path) throws DeploymentException, IOException {
        boolean secure = checkUri(path);
        try {
            return new ConnectAttempt(this, endpoint, config, path, secure).run();
        } catch (IllegalArgumentException e) {
            throw new DeploymentException("Cannot connect to " + path + ": " + e.getMessage(), e);
        } catch (HandshakeFailedException e) {
            // The server (or proxy) answered, but not with a usable 101: as Tyrus and Tomcat do, that is a
            // DeploymentException ("a protocol problem that prevented the client endpoint being connected",
            // WebSocketContainer.connectToServer). Transport failures and timeouts stay IOExceptions.
            throw new DeploymentException("The WebSocket handshake with " + path + " failed: " + e.getMessage(), e);
        }
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

    BowlineWebSocketContainer owner() {
        return owner;
    }

    NioReactor reactor() throws IOException {
        synchronized (lifecycle) {
            if (stopped) {
                throw new IOException("The client connections of " + name + " are stopped (its container stopped)");
            }
            if (reactor == null) {
                NioReactor r = new NioReactor(name, 1);
                r.start();
                reactor = r;
            }
            return reactor;
        }
    }

    Set<Session> openSessions(Class<?> endpointClass) {
        return openSessions.computeIfAbsent(endpointClass, c -> ConcurrentHashMap.newKeySet());
    }

    /** A snapshot of the open client sessions. */
    public Set<Session> allOpenSessions() {
        Set<Session> all = new HashSet<>();
        openSessions.values().forEach(all::addAll);
        return all;
    }

    /**
     * Stops for good: connecting fails from now on; with {@code graceMillis >= 0} every open session is
     * sent {@code reason} and gets up to that long to finish its close handshake; then every connection
     * still open is cut (its session sees it closed) and the threads are stopped and joined.
     */
    public void stop(CloseReason reason, long graceMillis) {
        NioReactor r;
        synchronized (lifecycle) {
            stopped = true;
            r = reactor;
        }
        if (r == null) {
            return;
        }
        if (graceMillis >= 0) {
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(graceMillis);
            for (Session session : allOpenSessions()) {
                try {
                    session.close(reason);
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Closing client session {0} on stop: {1}", session.getId(),
                            e.toString());
                }
            }
            awaitClosed(deadline);
        }
        r.close();
    }

    /** Close handshakes end on the reactor's threads with no one to notify, so this looks every few ms. */
    private void awaitClosed(long deadlineNanos) {
        try {
            while (!allOpenSessions().isEmpty() && System.nanoTime() < deadlineNanos) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
