package org.bowline.adapter.blocking;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.DeploymentException;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.HandshakeRejection;
import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.HandshakeRefusedException;
import org.bowline.container.session.SessionLimits;

/**
 * A running blocking-model server ({@link WebSockets#serve}): Bowline's standalone server with one
 * endpoint at {@code /} whose every connection runs the handler on a thread of its own.
 */
public final class BlockingServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BlockingServer.class.getName());

    private final Handler handler;
    private final Options options;
    private final BowlineServer server;
    private final Set<WebSocket> connections = ConcurrentHashMap.newKeySet();
    private final Object lock = new Object();
    private int running;
    private volatile boolean closing;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private BlockingServer(String host, int port, Options options, Handler handler) {
        this.handler = handler;
        this.options = options;
        BowlineServer.Builder builder = BowlineServer.builder().host(host).port(port)
                .limits(options.sessionLimits()).permessageDeflate(options.compression());
        if (options.tls() != null) {
            builder.ssl(options.tls());
        }
        this.server = builder.build();
    }

    static BlockingServer start(String host, int port, Options options, Handler handler) throws IOException {
        BlockingServer s = new BlockingServer(host, port, options, handler);
        try {
            s.server.container().addEndpoint(ServerEndpointConfig.Builder.create(BlockingEndpoint.class, "/")
                    .subprotocols(options.subprotocols())
                    .configurator(s.new Connections())
                    .build());
        } catch (DeploymentException e) {
            throw new IllegalStateException("The blocking endpoint could not be deployed: " + e.getMessage(), e);
        }
        s.server.start();
        return s;
    }

    /** The bound port (the real one when 0 was asked for). */
    public int port() {
        return server.port();
    }

    public InetSocketAddress address() {
        return server.address();
    }

    /** The URL clients connect to: {@code ws://HOST:PORT/} (wss with TLS). */
    public URI url() {
        InetSocketAddress address = server.address();
        String host = address.getAddress().getHostAddress();
        if (host.indexOf(':') >= 0) {
            host = "[" + host + "]";
        }
        return URI.create((server.isSecure() ? "wss" : "ws") + "://" + host + ":" + address.getPort() + "/");
    }

    /** The connections whose handlers are running. */
    public int connectionCount() {
        return connections.size();
    }

    /**
     * Stops taking connections (new handshakes get 503) and waits for every running handler to end
     * on its own, then releases the port and threads.
     */
    @Override
    public void close() throws InterruptedException {
        closing = true;
        synchronized (lock) {
            while (running > 0) {
                lock.wait();
            }
        }
        stop();
    }

    /**
     * Stops taking connections and closes every open one with 1001 (going away), waiting for the
     * peers' close frames at most the close timeout; then releases the port and threads.
     */
    public void forceClose() throws InterruptedException {
        closing = true;
        for (WebSocket ws : connections) {
            ws.startClose(1001, "Server shutting down");
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(options.closeTimeout().toMillis() + 1000);
        synchronized (lock) {
            long left;
            while (running > 0 && (left = deadline - System.nanoTime()) > 0) {
                TimeUnit.NANOSECONDS.timedWait(lock, left);
            }
        }
        stop();
    }

    /** Waits until the server has been closed. */
    public void awaitClosed() throws InterruptedException {
        stopped.await();
    }

    private void stop() {
        server.stop();
        stopped.countDown();
    }

    private void opened(WebSocket ws) {
        synchronized (lock) {
            running++;
        }
        connections.add(ws);
        HandlerThreads.start("bowline-blocking-" + ws.id(), () -> serve(ws));
    }

    private void serve(WebSocket ws) {
        try {
            Conversation.run(handler, ws);
        } catch (ConnectionClosedException e) {
            LOG.log(System.Logger.Level.DEBUG, "Connection {0} ended: {1}", ws.id(), e.getMessage());
        } catch (Exception | Error e) {
            LOG.log(System.Logger.Level.WARNING, "The handler failed on connection " + ws.id() + "; closed it with 1011", e);
        } finally {
            connections.remove(ws);
            synchronized (lock) {
                running--;
                lock.notifyAll();
            }
        }
    }

    /** Makes each connection's endpoint and refuses handshakes once closing. */
    private final class Connections extends ServerEndpointConfig.Configurator {

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            if (closing) {
                throw new HandshakeRefusedException(HandshakeRejection.of(503, "The server is closing"));
            }
            super.modifyHandshake(sec, request, response);
        }

        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new BlockingEndpoint(options.closeTimeout().toMillis(), BlockingServer.this::opened));
        }
    }
}
