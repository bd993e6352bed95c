package org.bowline.container.client;

import java.io.IOException;
import java.net.URI;
import java.util.concurrent.Executor;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.Session;
import jakarta.websocket.WebSocketContainer;

import org.bowline.container.endpoint.Instantiator;
import org.bowline.container.session.SessionLimits;

/**
 * What Bowline's client and server containers share, as a Jakarta {@code ServerContainer} is also a
 * {@link WebSocketContainer}: the container-wide session defaults (buffer sizes, idle timeout, async send
 * timeout) and opening client connections ({@code connectToServer}), whose sessions run their callbacks
 * on {@link #sessionExecutor()}.
 */
public abstract class BowlineWebSocketContainer implements WebSocketContainer {

    private final SessionLimits baseLimits;
    private final ClientConnections clients;

    private volatile long asyncSendTimeout;
    private volatile long idleTimeout;
    private volatile int maxText;
    private volatile int maxBinary;
    /** The limits last handed to a new session, shared with the next while they are equal. */
    private volatile SessionLimits lastLimits;

    /**
     * @param baseLimits  the limits sessions start from; its message sizes, idle and send timeouts are the
     *                    initial defaults
     * @param clientName  the prefix of the names of the threads that carry client connections
     */
    protected BowlineWebSocketContainer(SessionLimits baseLimits, String clientName) {
        this.baseLimits = baseLimits;
        this.clients = new ClientConnections(this, clientName);
        this.idleTimeout = baseLimits.idleTimeoutMillis();
        this.maxText = (int) Math.min(Integer.MAX_VALUE, baseLimits.maxTextMessageBytes());
        this.maxBinary = (int) Math.min(Integer.MAX_VALUE, baseLimits.maxBinaryMessageBytes());
        this.asyncSendTimeout = baseLimits.sendTimeoutMillis();
    }

    /** Where the callbacks of this container's sessions run. */
    public abstract Executor sessionExecutor();

    /** This container's outgoing connections: their defaults, open sessions, and stopping them. */
    public ClientConnections clientConnections() {
        return clients;
    }

    /**
     * The limits a session opening now starts with: the base limits with the current defaults. Sessions
     * share one instance while the defaults stay the same (it is immutable), so 10,000 sessions do not
     * hold 10,000 equal copies.
     */
    public SessionLimits limitsForNewSession() {
        // The base's frame limit stays: following the message limits, or the fixed one it was given.
        SessionLimits current = baseLimits.withMaxMessageBytes(maxText, maxBinary)
                .withIdleTimeoutMillis(Math.max(0, idleTimeout))
                .withSendTimeoutMillis(asyncSendTimeout);
        SessionLimits shared = lastLimits;
        if (current.equals(shared)) {
            return shared;
        }
        lastLimits = current;
        return current;
    }

    // ---- connectToServer ----

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
        return clients.connect(endpointInstance, cec == null ? ClientEndpointConfig.Builder.create().build() : cec,
                path);
    }

    @Override
    public Session connectToServer(Class<? extends Endpoint> endpointClass, ClientEndpointConfig cec, URI path)
            throws DeploymentException, IOException {
        if (endpointClass == null) {
            throw new DeploymentException("The endpoint class must not be null");
        }
        Endpoint endpoint;
        try {
            endpoint = endpointClass.getDeclaredConstructor().newInstance();
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new DeploymentException("Cannot instantiate endpoint " + endpointClass.getName()
                    + " (it needs a public no-argument constructor): " + e, e);
        }
        return connectToServer(endpoint, cec, path);
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

    /** Zero or negative: sessions never time out. */
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
        this.maxBinary = positive(max, "defaultMaxBinaryMessageBufferSize");
    }

    @Override
    public int getDefaultMaxTextMessageBufferSize() {
        return maxText;
    }

    @Override
    public void setDefaultMaxTextMessageBufferSize(int max) {
        this.maxText = positive(max, "defaultMaxTextMessageBufferSize");
    }

    private static int positive(int value, String name) {
        if (value <= 0) {
            throw new IllegalArgumentException(name + " must be > 0, was " + value);
        }
        return value;
    }
}
