package org.bowline.container.server;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Session;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;

import org.bowline.container.io.Acceptor;
import org.bowline.container.io.Connection;
import org.bowline.container.io.NioReactor;
import org.bowline.container.io.QueueBudget;
import org.bowline.container.io.TlsConnection;
import org.bowline.container.io.TlsSettings;
import org.bowline.container.session.SessionExecutors;
import org.bowline.container.session.SessionLimits;

/**
 * Bowline's standalone WebSocket server: binds a host and port (plain or TLS), performs the
 * HTTP/1.1 upgrade and serves the endpoints registered on its {@link #container()}.
 *
 * <pre>{@code
 * BowlineServer server = BowlineServer.builder().port(0).build();
 * server.container().addEndpoint(ServerEndpointConfig.Builder.create(Echo.class, "/echo").build());
 * server.start();
 * int port = server.port();
 * }</pre>
 */
public final class BowlineServer implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(BowlineServer.class.getName());

    private final Builder settings;
    private final BowlineServerContainer container;
    private final ServerHandshaker handshaker;
    private final ExecutorService ownedExecutor;
    private final QueueBudget budget;
    private final ConnectionAdmission admission;
    private NioReactor reactor;
    private Acceptor acceptor;

    private BowlineServer(Builder settings) {
        this.settings = settings;
        Executor executor = settings.executor;
        this.ownedExecutor = executor == null ? SessionExecutors.newDefault("bowline-session") : null;
        this.container = new BowlineServerContainer(settings.limits,
                executor == null ? ownedExecutor : executor, settings.permessageDeflate);
        this.handshaker = new ServerHandshaker(container);
        this.budget = new QueueBudget(settings.queueBudgetBytes);
        this.admission = new ConnectionAdmission(settings.maxConnections, settings.maxHandshakes);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Where endpoints are registered and container defaults set; usable before and after start. */
    public BowlineServerContainer container() {
        return container;
    }

    /** Binds and starts accepting connections. */
    public synchronized BowlineServer start() throws IOException {
        if (reactor != null) {
            throw new IllegalStateException("Server already started on " + acceptor.localAddress());
        }
        NioReactor r = new NioReactor("bowline-io", settings.selectorThreads);
        r.setQueueBudget(budget);
        r.start();
        // One per reactor: its sweep runs on the reactor's timer, which ends with it.
        HandshakeDeadlines deadlines =
                new HandshakeDeadlines(TimeUnit.MILLISECONDS.toNanos(settings.handshakeTimeoutMillis));
        try {
            acceptor = r.listen(new InetSocketAddress(settings.host, settings.port), settings.backlog,
                    connection -> accept(r, deadlines, connection));
        } catch (IOException e) {
            r.close();
            throw new IOException("Cannot listen on " + settings.host + ":" + settings.port + ": " + e.getMessage(), e);
        }
        reactor = r;
        return this;
    }

    private void accept(NioReactor r, HandshakeDeadlines deadlines, Connection plain) {
        Connection connection = plain;
        if (settings.sslContext != null) {
            SSLEngine engine = settings.tls.applyTo(settings.sslContext.createSSLEngine());
            engine.setUseClientMode(false);
            connection = new TlsConnection(plain, engine);
        }
        if (!admission.admit(connection, r.openConnections())) {
            return;
        }
        connection.setHandler(new HandshakeConnectionHandler(connection, handshaker, container.executor(),
                settings.maxHandshakeHeadBytes, deadlines, settings.plainHttp, admission::handshakeEnded));
    }

    /** The bound address (with the real port when 0 was asked for). */
    public synchronized InetSocketAddress address() {
        if (acceptor == null) {
            throw new IllegalStateException("Server not started");
        }
        return acceptor.localAddress();
    }

    public int port() {
        return address().getPort();
    }

    /**
     * The server-wide budget and its gauges: outbound bytes queued towards peers and inbound message bytes
     * not yet consumed by endpoints, over all connections (see {@link QueueBudget}).
     */
    public QueueBudget queueBudget() {
        return budget;
    }

    /** Connections open now (WebSocket sessions, handshakes, and refused ones still closing). */
    public synchronized int openConnections() {
        return reactor == null ? 0 : reactor.openConnections();
    }

    /** Connections accepted that have not finished their upgrade request yet. */
    public int handshakesInProgress() {
        return admission.handshakesInProgress();
    }

    /** Connections refused with 503 since the server was built (over {@code maxConnections} or {@code maxHandshakes}). */
    public long refusedConnections() {
        return admission.refusedConnections();
    }

    public boolean isSecure() {
        return settings.sslContext != null;
    }

    /** The TLS protocol versions each wss connection may negotiate (empty when serving plain ws). */
    public java.util.List<String> tlsProtocols() {
        if (settings.sslContext == null) {
            return java.util.List.of();
        }
        return java.util.List.of(settings.tls.applyTo(settings.sslContext.createSSLEngine()).getEnabledProtocols());
    }

    /**
     * Stops at once: stops accepting, drops every connection without a close handshake (peers see 1006)
     * and stops the server's threads. {@link #stop(long)} stops gracefully.
     */
    public synchronized void stop() {
        stop(-1);
    }

    /**
     * Stops gracefully: stops accepting, sends every open session (the client sessions applications opened
     * through {@link #container()} too) a close frame with 1001 (going away),
     * waits up to {@code graceMillis} for their close handshakes (and onClose) to finish, then closes
     * whatever is left and stops every thread the server started (selector, timer and, unless the
     * executor was given, session threads). No socket or thread of the server remains when it returns.
     * A negative grace is {@link #stop()}.
     */
    public synchronized void stop(long graceMillis) {
        if (reactor != null) {
            acceptor.close();
            long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(Math.max(0, graceMillis));
            for (Session session : graceMillis < 0 ? java.util.Set.<Session>of() : container.allOpenSessions()) {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "Server stopping"));
                } catch (IOException | RuntimeException e) {
                    LOG.log(System.Logger.Level.DEBUG, "Closing {0} on stop: {1}", session.getId(), e.toString());
                }
            }
            // Client sessions applications opened through the container go too, within the same grace.
            container.stopClientConnections(graceMillis < 0 ? -1
                    : TimeUnit.NANOSECONDS.toMillis(Math.max(0, deadline - System.nanoTime())));
            if (graceMillis >= 0) {
                awaitSessionsClosed(deadline);
            }
            reactor.close();
            reactor = null;
        } else {
            container.stopClientConnections(-1);
        }
        if (ownedExecutor != null) {
            ownedExecutor.shutdown();
            try {
                long left = Math.max(1000, graceMillis);
                if (!ownedExecutor.awaitTermination(left, TimeUnit.MILLISECONDS)) {
                    LOG.log(System.Logger.Level.WARNING, "Session callbacks still running " + left
                            + " ms after stop; interrupting them");
                    ownedExecutor.shutdownNow();
                }
            } catch (InterruptedException e) {
                ownedExecutor.shutdownNow();
                Thread.currentThread().interrupt();
            }
        }
    }

    /** {@link #stop(long)} with the builder's {@code stopGraceMillis} (5 s by default). */
    public void stopGracefully() {
        stop(settings.stopGraceMillis);
    }

    /** Waits for sessions to finish their close handshakes; connections still in their handshake just go. */
    private void awaitSessionsClosed(long deadlineNanos) {
        try {
            while (!container.allOpenSessions().isEmpty() && System.nanoTime() < deadlineNanos) {
                Thread.sleep(10);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        stop();
    }

    /** Server settings; every one has a safe default. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 8080;
        private int backlog = 1024;
        private SSLContext sslContext;
        private TlsSettings tls = TlsSettings.defaults();
        private int selectorThreads;
        private Executor executor;
        private SessionLimits limits = SessionLimits.defaults();
        private int maxHandshakeHeadBytes = 8192;
        private long handshakeTimeoutMillis = 10_000;
        private boolean permessageDeflate = true;
        private long queueBudgetBytes = QueueBudget.DEFAULT_LIMIT;
        private int maxConnections = 10_000;
        private int maxHandshakes = 500;
        private long stopGraceMillis = 5_000;
        private PlainHttpHandler plainHttp;

        private Builder() {
        }

        /** How long {@link BowlineServer#stopGracefully()} waits for close handshakes before closing the rest (5 s). */
        public Builder stopGraceMillis(long millis) {
            this.stopGraceMillis = Math.max(0, millis);
            return this;
        }

        /**
         * Most connections open at once (10,000 by default); one more is answered {@code 503} with
         * {@code Retry-After} before its request is read, and closed (see also {@link #maxHandshakes}).
         */
        public Builder maxConnections(int connections) {
            if (connections <= 0) {
                throw new IllegalArgumentException("maxConnections must be > 0, was " + connections);
            }
            this.maxConnections = connections;
            return this;
        }

        /**
         * Most connections in their handshake at once, i.e. accepted but without a complete upgrade request
         * yet (500 by default); one more is answered {@code 503}. Each handshake also has one deadline,
         * {@link #handshakeTimeoutMillis}, so a slowloris cannot hold these for long.
         */
        public Builder maxHandshakes(int handshakes) {
            if (handshakes <= 0) {
                throw new IllegalArgumentException("maxHandshakes must be > 0, was " + handshakes);
            }
            this.maxHandshakes = handshakes;
            return this;
        }

        /**
         * The server-wide budget for bytes held for peers (queued outbound plus received and not yet consumed),
         * {@value QueueBudget#DEFAULT_LIMIT} bytes by default; past it, sessions with received messages
         * waiting stop reading, and those with output waiting may queue no more, until that backlog drains (see
         * {@link QueueBudget}).
         */
        public Builder queueBudget(long bytes) {
            if (bytes <= 0) {
                throw new IllegalArgumentException("queue budget must be > 0 bytes, was " + bytes);
            }
            this.queueBudgetBytes = bytes;
            return this;
        }

        public Builder host(String host) {
            this.host = host;
            return this;
        }

        /** 0 picks a free port; {@link BowlineServer#port()} reports it. */
        public Builder port(int port) {
            if (port < 0 || port > 65535) {
                throw new IllegalArgumentException("port must be 0-65535, was " + port);
            }
            this.port = port;
            return this;
        }

        public Builder backlog(int backlog) {
            this.backlog = backlog;
            return this;
        }

        /**
         * Serve wss with this context (its key managers hold the server's certificate); null (the default)
         * serves plain ws. Only TLS 1.3 and 1.2 are enabled unless {@link #tls(TlsSettings)} says otherwise.
         */
        public Builder ssl(SSLContext sslContext) {
            this.sslContext = sslContext;
            return this;
        }

        /**
         * The TLS protocol versions and cipher suites wss connections may use ({@link TlsSettings#defaults()}:
         * TLS 1.3 and 1.2, the JDK's default suites). Checked against the context when the server is built.
         */
        public Builder tls(TlsSettings tls) {
            if (tls == null) {
                throw new IllegalArgumentException("TLS settings must not be null (TlsSettings.defaults() is the default)");
            }
            this.tls = tls;
            return this;
        }

        /** Selector threads; 0 (the default) means one per core. */
        public Builder selectorThreads(int threads) {
            this.selectorThreads = threads;
            return this;
        }

        /** Where session callbacks run; by default a growing pool of daemon threads. */
        public Builder executor(Executor executor) {
            this.executor = executor;
            return this;
        }

        public Builder limits(SessionLimits limits) {
            this.limits = limits;
            return this;
        }

        /** Largest HTTP request head (request line and headers) accepted; 431 beyond. */
        public Builder maxHandshakeHeadBytes(int bytes) {
            this.maxHandshakeHeadBytes = bytes;
            return this;
        }

        /** One deadline for the whole handshake, from accept to the end of the request head. */
        public Builder handshakeTimeoutMillis(long millis) {
            if (millis <= 0) {
                throw new IllegalArgumentException("handshakeTimeoutMillis must be positive, was " + millis);
            }
            this.handshakeTimeoutMillis = millis;
            return this;
        }

        /** Whether permessage-deflate is installed (it is by default). */
        public Builder permessageDeflate(boolean enabled) {
            this.permessageDeflate = enabled;
            return this;
        }

        /**
         * Answers requests that do not ask for a WebSocket upgrade (a page that opens the WebSockets,
         * say) on the same port; null (the default) refuses them as a WebSocket-only server does.
         */
        public Builder plainHttp(PlainHttpHandler handler) {
            this.plainHttp = handler;
            return this;
        }

        public BowlineServer build() {
            if (sslContext != null) {
                tls.check(sslContext);
            }
            return new BowlineServer(this);
        }
    }
}
