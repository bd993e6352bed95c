package org.bowline.adapter.service;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

import jakarta.websocket.DeploymentException;

import org.bowline.container.frame.CloseCodes;
import org.bowline.container.server.BowlineServer;

/**
 * A WebSocket server for the service model, over Bowline's {@link BowlineServer}: upgrade services
 * are attached at paths (or templates such as {@code /chat/{room}}), several per listener.
 *
 * <pre>{@code
 * Listener listener = new Listener(8080);
 * listener.attach("/ws", request -> new EchoService());
 * listener.start();
 * ...
 * listener.gracefulStop();
 * }</pre>
 */
public final class Listener {

    private final ListenerConfiguration configuration;
    private final BowlineServer server;
    private final OpenConnections connections = new OpenConnections();
    private final Map<String, ServiceMount> mounts = new ConcurrentHashMap<>();
    private volatile boolean stopped;

    /** A listener on every interface at {@code port} (0 picks a free one). */
    public Listener(int port) {
        this(port, ListenerConfiguration.defaults());
    }

    public Listener(int port, ListenerConfiguration configuration) {
        this.configuration = Objects.requireNonNull(configuration, "configuration");
        this.server = BowlineServer.builder()
                .host(configuration.host())
                .port(port)
                .ssl(configuration.sslContext())
                .handshakeTimeoutMillis(configuration.handshakeTimeout().toMillis())
                .maxHandshakeHeadBytes(configuration.maxRequestHeadBytes())
                .permessageDeflate(configuration.permessageDeflate())
                .plainHttp(configuration.plainHttp())
                .build();
    }

    /** Serves {@code service} at {@code basePath}, configured by its class's {@link ServiceConfig} (or the defaults). */
    public void attach(String basePath, UpgradeService service) {
        attach(basePath, service, ServiceConfiguration.forService(service));
    }

    /**
     * Serves {@code service} at {@code basePath}, a path or URI template whose variables the upgrade
     * request carries. Before or after {@link #start()}.
     *
     * @throws IllegalStateException    when a service is attached there already
     * @throws IllegalArgumentException when the path is not a valid path or template, naming it
     */
    public synchronized void attach(String basePath, UpgradeService service, ServiceConfiguration configuration) {
        ServiceMount.Binding binding = new ServiceMount.Binding(service, configuration);
        ServiceMount mount = mounts.get(basePath);
        if (mount != null) {
            if (mount.binding() != null) {
                throw new IllegalStateException("A service is already attached at " + basePath);
            }
            mount.attach(binding);
            return;
        }
        mount = new ServiceMount(basePath, binding, connections);
        try {
            server.container().addEndpoint(mount.endpointConfig());
        } catch (DeploymentException e) {
            throw new IllegalArgumentException("Cannot attach a service at " + basePath + ": " + e.getMessage(), e);
        }
        mounts.put(basePath, mount);
    }

    /**
     * Stops serving upgrades at {@code basePath} (they get 404); connections already open stay open.
     *
     * @return whether a service was attached there
     */
    public synchronized boolean detach(String basePath) {
        ServiceMount mount = mounts.get(basePath);
        if (mount == null || mount.binding() == null) {
            return false;
        }
        mount.detach();
        return true;
    }

    /** Detaches {@code service} from every path it is attached at; returns whether it was attached anywhere. */
    public synchronized boolean detach(UpgradeService service) {
        boolean any = false;
        for (ServiceMount mount : mounts.values()) {
            ServiceMount.Binding binding = mount.binding();
            if (binding != null && binding.service() == service) {
                mount.detach();
                any = true;
            }
        }
        return any;
    }

    /**
     * Binds and starts accepting connections.
     *
     * @throws IOException naming the address when it cannot be bound
     */
    public void start() throws IOException {
        if (stopped) {
            throw new IllegalStateException("This listener was stopped; create a new one");
        }
        server.start();
    }

    /** The bound address, with the real port. */
    public InetSocketAddress address() {
        return server.address();
    }

    public int port() {
        return server.port();
    }

    public boolean isSecure() {
        return server.isSecure();
    }

    /** How many connections are open now, across every attached service. */
    public int openConnections() {
        return connections.size();
    }

    /**
     * Refuses new upgrades (503), closes every connection with 1001, waits for their close handshakes
     * (at most the configuration's graceful stop timeout), then stops.
     *
     * @return whether every connection closed its handshake in time
     */
    public boolean gracefulStop() throws InterruptedException {
        return gracefulStop(configuration.gracefulStopTimeout());
    }

    /** As {@link #gracefulStop()}, waiting at most {@code timeout}. */
    public boolean gracefulStop(Duration timeout) throws InterruptedException {
        stopped = true;
        connections.refuseNew();
        try {
            return connections.closeAll(CloseCodes.GOING_AWAY, "Server is going away", timeout);
        } finally {
            server.stop();
        }
    }

    /** Stops at once: every connection is dropped without a close handshake. */
    public void immediateStop() {
        stopped = true;
        connections.refuseNew();
        server.stop();
    }
}
