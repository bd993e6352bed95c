package org.bowline.container.client.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Stream;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.Session;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.client.ClientThreads;
import org.bowline.container.client.MemoryConnect;
import org.bowline.container.conformance.Case;
import org.bowline.container.conformance.MemoryWire;
import org.bowline.container.conformance.Transport;
import org.bowline.container.extension.NegotiatedExtension;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Named;
import org.junit.jupiter.params.provider.Arguments;

/**
 * A family of cases in which the fuzzing server (this test) drives Bowline's echo client: one client
 * container per family, one fresh connection per case. Besides what each case checks on the wire,
 * every case holds the client to the same end: its endpoint was told how the session closed (with
 * the code the wire showed, and a reason when the client itself closed), the session is no longer open
 * or counted, no error reached onError, and the client closed TCP. When the family is done, closing the container leaves no thread behind.
 */
abstract class ClientConformanceFamily {

    static final int MIB = 1024 * 1024;
    /** The client's message limits in these families: room for the few-MiB cases of family 9, no more (shared machine). */
    static final int CLIENT_MAX_MESSAGE = 4 * MIB;
    /** How long the endpoint may take to learn that its session closed. */
    private static final long CLOSE_NOTICE_SECONDS = 20;

    static BowlineClientContainer container;
    private static ExecutorService acceptor;

    @BeforeAll
    static void startClient() {
        container = new BowlineClientContainer();
        container.setDefaultMaxTextMessageBufferSize(CLIENT_MAX_MESSAGE);
        container.setDefaultMaxBinaryMessageBufferSize(CLIENT_MAX_MESSAGE);
        container.setDefaultMaxSessionIdleTimeout(0);
        acceptor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "fuzzing-server-accept");
            t.setDaemon(true);
            return t;
        });
    }

    @AfterAll
    static void stopClient() {
        acceptor.shutdownNow();
        container.close();
        ClientThreads.assertNoneLeft(container);
    }

    /** A config for connections without extensions. */
    static ClientEndpointConfig plainConfig() {
        return ClientEndpointConfig.Builder.create().build();
    }

    /** A config that asks for permessage-deflate (the container then offers it with client_max_window_bits). */
    static ClientEndpointConfig deflateConfig() {
        return ClientEndpointConfig.Builder.create()
                .extensions(List.<Extension>of(new NegotiatedExtension("permessage-deflate", List.of()))).build();
    }

    /** A table's cases in memory in every read size, plus over sockets when {@code alsoOverSockets} (the smoke family). */
    static Stream<Arguments> overTransports(List<? extends Named<?>> cases, boolean alsoOverSockets) {
        List<Transport> transports = new ArrayList<>();
        if (alsoOverSockets) {
            transports.add(Transport.SOCKET);
        }
        transports.addAll(Transport.MEMORY);
        return Transport.cross(transports, cases);
    }

    /** Runs a role-neutral case with this test as the server (a {@link WireServer}, the {@link org.bowline.container.conformance.Peer}) on a new connection. */
    static void run(Case c) throws Exception {
        run(Transport.SOCKET, c);
    }

    /** As {@link #run(Case)}, over {@code transport}. */
    static void run(Transport transport, Case c) throws Exception {
        runCase(transport, Answer.plain(), plainConfig(), c::run);
    }

    static void runCase(Scenario scenario) throws Exception {
        runCase(Answer.plain(), plainConfig(), scenario);
    }

    static void runCase(Answer answer, ClientEndpointConfig config, Scenario scenario) throws Exception {
        runCase(Transport.SOCKET, answer, config, scenario);
    }

    /**
     * Lets the client connect over {@code transport} and upgrade (answered by {@code answer}), runs the case
     * on the server side of the connection, then checks how the client ended it. Over sockets the client
     * connects to a fresh listening port; in memory the container's session code runs on one end of an
     * in-memory pair ({@link MemoryConnect}) reading in the transport's chunk size.
     */
    static void runCase(Transport transport, Answer answer, ClientEndpointConfig config, Scenario scenario)
            throws Exception {
        EchoingClient endpoint = new EchoingClient();
        try (ServerEnd serverEnd = transport.inMemory() ? new MemoryServerEnd(transport) : new SocketServerEnd()) {
            CompletableFuture<WireServer> accepted = serverEnd.accept(answer);
            Session session;
            try {
                session = serverEnd.connect(endpoint, config);
            } catch (IOException e) {
                // a broken server-side check explains the failed handshake better than the client's exception
                serverSide(accepted).close();
                throw e;
            }
            try (WireServer wire = serverSide(accepted)) {
                try {
                    scenario.run(wire);
                } finally {
                    if (wire.deflate() != null) {
                        wire.deflate().close();
                    }
                }
                assertTrue(wire.clientClosedTcp(), "the case must end with the client's TCP close");
                CloseReason reason = closeNotice(endpoint);
                if (wire.expectedClientCloseCode() != null) {
                    assertEquals(wire.expectedClientCloseCode().intValue(), reason.getCloseCode().getCode(),
                            "the close code reported to the client endpoint: " + reason);
                }
                if (wire.clientInitiatedClose()) {
                    assertFalse(reason.getReasonPhrase().isBlank(), "the endpoint must be told why the client closed: " + reason);
                }
                assertFalse(session.isOpen(), "the session still says it is open");
                assertEquals(List.of(), endpoint.errors, "errors reported to the client endpoint");
                awaitNoOpenSessions(session);
            }
        }
    }

    /** Where the client under test connects to: the server side of one connection, before the upgrade. */
    private interface ServerEnd extends AutoCloseable {
        /** Starts waiting for the client's upgrade request, answering it with {@code answer}. */
        CompletableFuture<WireServer> accept(Answer answer);

        /** The client's connectToServer, or what stands for it. */
        Session connect(EchoingClient endpoint, ClientEndpointConfig config) throws Exception;

        @Override
        void close() throws IOException;
    }

    /** A listening socket on a fresh port; the client connects through its container's NIO reactor. */
    private static final class SocketServerEnd implements ServerEnd {
        private final ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());

        SocketServerEnd() throws IOException {
        }

        @Override
        public CompletableFuture<WireServer> accept(Answer answer) {
            return ClientConformanceFamily.accept(listener, answer);
        }

        @Override
        public Session connect(EchoingClient endpoint, ClientEndpointConfig config) throws Exception {
            return container.connectToServer(endpoint, config,
                    URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/echo"));
        }

        @Override
        public void close() throws IOException {
            listener.close();
        }
    }

    /** An in-memory pair: the test's {@link WireServer} on one end, the client's session code on the other. */
    private static final class MemoryServerEnd implements ServerEnd {
        private final MemoryWire wire;

        MemoryServerEnd(Transport transport) {
            wire = transport.memoryWire(WireServer.REPLY_TIMEOUT_MILLIS);
        }

        @Override
        public CompletableFuture<WireServer> accept(Answer answer) {
            return CompletableFuture.supplyAsync(() -> {
                WireServer server = new WireServer(wire);
                try {
                    server.readUpgradeRequest();
                    answer.reply(server);
                    return server;
                } catch (IOException e) {
                    wire.close();
                    throw new java.io.UncheckedIOException(e);
                } catch (RuntimeException | Error e) {
                    wire.close();
                    throw e;
                }
            }, acceptor);
        }

        @Override
        public Session connect(EchoingClient endpoint, ClientEndpointConfig config) throws Exception {
            return MemoryConnect.connect(container, endpoint, config,
                    URI.create("ws://127.0.0.1:" + wire.localPort() + "/echo"), wire.bowlineEnd());
        }

        @Override
        public void close() {
            wire.close();
        }
    }

    /**
     * A handshake the client must refuse: {@code connectToServer} throws (the exception is returned for
     * the case to judge its message), the endpoint never opens, and the client closes the connection
     * it gave up on instead of leaving it to the server.
     */
    static IOException handshakeFailure(Answer answer, ClientEndpointConfig config) throws Exception {
        EchoingClient endpoint = new EchoingClient();
        try (ServerSocket listener = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            CompletableFuture<WireServer> accepted = accept(listener, answer);
            Exception thrown = org.junit.jupiter.api.Assertions.assertThrows(Exception.class,
                    () -> container.connectToServer(endpoint, config,
                            URI.create("ws://127.0.0.1:" + listener.getLocalPort() + "/echo")));
            IOException failure = handshakeCause(thrown);
            try (WireServer wire = serverSide(accepted)) {
                wire.expectEof();
            }
            assertFalse(endpoint.opened, "the endpoint was opened on a connection that failed its handshake");
            assertFalse(endpoint.closed.isDone(), "onClose on a session that never opened: " + endpoint.closed.getNow(null));
            assertEquals(List.of(), endpoint.errors, "errors reported to an endpoint that never opened");
            return failure;
        }
    }

    /**
     * A server that answers without a usable 101 makes connectToServer throw a DeploymentException
     * carrying the HandshakeFailedException; a transport failure (refused, stalled, reset) is an
     * IOException itself. Either way, the IOException that says what went wrong.
     */
    private static IOException handshakeCause(Exception thrown) {
        if (thrown instanceof IOException io) {
            return io;
        }
        if (thrown instanceof jakarta.websocket.DeploymentException
                && thrown.getCause() instanceof org.bowline.container.handshake.HandshakeFailedException failed) {
            return failed;
        }
        throw new AssertionError("expected an IOException, or a DeploymentException caused by a"
                + " HandshakeFailedException, got " + thrown, thrown);
    }

    private static CompletableFuture<WireServer> accept(ServerSocket listener, Answer answer) {
        return CompletableFuture.supplyAsync(() -> {
            Socket socket = null;
            try {
                socket = listener.accept();
                WireServer wire = new WireServer(socket);
                wire.readUpgradeRequest();
                answer.reply(wire);
                return wire;
            } catch (IOException e) {
                closeQuietly(socket);
                throw new java.io.UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                closeQuietly(socket);
                throw e;
            }
        }, acceptor);
    }

    private static WireServer serverSide(CompletableFuture<WireServer> accepted) throws Exception {
        try {
            return accepted.get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause() instanceof java.io.UncheckedIOException u ? u.getCause() : e.getCause();
            if (cause instanceof Exception ex) {
                throw ex;
            }
            throw (Error) cause;
        } catch (TimeoutException e) {
            throw new AssertionError("the client did not connect and send its upgrade request within 30 s", e);
        }
    }

    static CloseReason closeNotice(EchoingClient endpoint) throws InterruptedException, ExecutionException {
        try {
            return endpoint.closed.get(CLOSE_NOTICE_SECONDS, TimeUnit.SECONDS);
        } catch (TimeoutException e) {
            throw new AssertionError("the client endpoint's onClose was not called within " + CLOSE_NOTICE_SECONDS
                    + " s of the connection's end; errors: " + endpoint.errors, e);
        }
    }

    /** The container forgets a closed session (it is removed as onClose is scheduled, so allow a moment). */
    private static void awaitNoOpenSessions(Session session) throws InterruptedException {
        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (session.getOpenSessions().contains(session) && System.nanoTime() < until) {
            Thread.sleep(10);
        }
        assertFalse(session.getOpenSessions().contains(session), "the client container still counts the session as open");
    }

    private static void closeQuietly(Socket socket) {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // nothing more to release
            }
        }
    }

    /** Something a case does that may throw. */
    @FunctionalInterface
    interface CaseBody {
        void run() throws Exception;
    }

    /** Runs {@code body} with the container's idle timeout set (sessions read it when they open). */
    static void withIdleTimeout(long millis, CaseBody body) throws Exception {
        long before = container.getDefaultMaxSessionIdleTimeout();
        container.setDefaultMaxSessionIdleTimeout(millis);
        try {
            body.run();
        } finally {
            container.setDefaultMaxSessionIdleTimeout(before);
        }
    }

    /** Test data: binary bytes that are not all alike. */
    static byte[] binary(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) (0xFE - i * 7);
        }
        return b;
    }
}
