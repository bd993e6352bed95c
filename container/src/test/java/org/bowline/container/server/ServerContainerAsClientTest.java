package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.Test;

/**
 * A {@code ServerContainer} is a {@code WebSocketContainer}: an application opens client connections
 * through the server container it was given, with that container's defaults, and they stop when it stops.
 */
class ServerContainerAsClientTest {

    private static final BlockingQueue<CloseReason> PEER_CLOSES = new LinkedBlockingQueue<>();

    /** The far end's echo, which records how its sessions end. */
    public static class ClosingEcho extends EchoEndpoint {
        @Override
        public void onClose(Session session, CloseReason reason) {
            PEER_CLOSES.add(reason);
        }
    }

    /** A client endpoint that records what it receives, how it ends, and where its callbacks ran. */
    public static final class Recorder extends Endpoint {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
        final BlockingQueue<String> threads = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            threads.add(Thread.currentThread().getName());
            session.addMessageHandler(String.class, messages::add);
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }

        String next() throws InterruptedException {
            return assertArrived(messages.poll(10, TimeUnit.SECONDS), "message");
        }

        CloseReason nextClose() throws InterruptedException {
            return assertArrived(closes.poll(10, TimeUnit.SECONDS), "onClose");
        }
    }

    /** An annotated client endpoint. */
    @ClientEndpoint
    public static final class AnnotatedRecorder {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @OnMessage
        public void onMessage(String text) {
            messages.add(text);
        }
    }

    private static <T> T assertArrived(T value, String what) {
        assertNotNull(value, "no " + what + " within 10 s");
        return value;
    }

    private static BowlineServer echoServer() throws Exception {
        BowlineServer server = BowlineServer.builder().port(0).stopGraceMillis(2_000).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(ClosingEcho.class, "/echo").build());
        return server.start();
    }

    private static URI echo(BowlineServer server) {
        return URI.create("ws://127.0.0.1:" + server.port() + "/echo");
    }

    @Test
    void aServerContainerConnectsToItsOwnServerWithItsDefaultsAndExecutor() throws Exception {
        BowlineServer server = echoServer();
        try {
            BowlineServerContainer container = server.container();
            container.setDefaultMaxTextMessageBufferSize(12_345);
            container.setDefaultMaxSessionIdleTimeout(60_000);
            Recorder client = new Recorder();
            Session session = container.connectToServer(client, ClientEndpointConfig.Builder.create().build(),
                    echo(server));

            session.getBasicRemote().sendText("to myself");
            assertEquals("to myself", client.next());
            assertSame(container, session.getContainer());
            assertEquals(12_345, session.getMaxTextMessageBufferSize());
            assertEquals(60_000, session.getMaxIdleTimeout());
            // Callbacks run on the server's session executor, not on threads of their own.
            String callbackThread = client.threads.poll(5, TimeUnit.SECONDS);
            assertTrue(callbackThread.startsWith("bowline-session-"), callbackThread);
            assertEquals(Set.of(session), container.clientConnections().allOpenSessions());
            assertEquals(Set.of(), container.allOpenSessions().stream()
                    .filter(s -> s == session).collect(Collectors.toSet()),
                    "a client session is not one of the server's endpoint sessions");

            session.close();
            assertEquals(1000, client.nextClose().getCloseCode().getCode());
            assertEquals(1000, PEER_CLOSES.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
        } finally {
            server.stop();
            PEER_CLOSES.clear();
        }
    }

    @Test
    void programmaticAndAnnotatedEndpointsConnectToAnotherServer() throws Exception {
        BowlineServer far = echoServer();
        BowlineServer near = BowlineServer.builder().port(0).build().start();
        try {
            Session session = near.container().connectToServer(Recorder.class,
                    ClientEndpointConfig.Builder.create().build(), echo(far));
            session.getBasicRemote().sendText("hello");
            assertTrue(session.isOpen());
            assertSame(near.container(), session.getContainer());
            session.close();
            assertEquals(1000, PEER_CLOSES.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());

            AnnotatedRecorder annotated = new AnnotatedRecorder();
            Session second = near.container().connectToServer(annotated, echo(far));
            second.getBasicRemote().sendText("annotated");
            assertEquals("annotated", assertArrived(annotated.messages.poll(10, TimeUnit.SECONDS), "message"));
            second.close();
            assertEquals(1000, PEER_CLOSES.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
        } finally {
            near.stop();
            far.stop();
            PEER_CLOSES.clear();
        }
    }

    @Test
    void stoppingGracefullyClosesItsClientSessionsWithGoingAwayAndLeavesNoThread() throws Exception {
        BowlineServer far = echoServer();
        try {
            BowlineServer near = BowlineServer.builder().port(0).stopGraceMillis(2_000).build().start();
            Recorder client = new Recorder();
            Session session = near.container().connectToServer(client, null, echo(far));
            session.getBasicRemote().sendText("up");
            assertEquals("up", client.next());
            String prefix = near.container().clientConnections().name() + "-";
            assertEquals(List.of(prefix + "io-0"), threadsNamed(prefix + "io"), "the client connections' I/O thread");

            near.stopGracefully();

            // The far server was told why (1001), answered, and the client's onClose saw the same.
            assertEquals(1001, PEER_CLOSES.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
            assertEquals(1001, client.nextClose().getCloseCode().getCode());
            assertEquals(List.of(), threadsNamed(prefix), "client I/O threads the stopped server left running");
            IOException refused = assertThrows(IOException.class,
                    () -> near.container().connectToServer(new Recorder(), null, echo(far)));
            assertTrue(refused.getMessage().contains("stopped"), refused.getMessage());
        } finally {
            far.stop();
            PEER_CLOSES.clear();
        }
    }

    @Test
    void stoppingAtOnceCutsItsClientConnections() throws Exception {
        BowlineServer far = echoServer();
        try {
            BowlineServer near = BowlineServer.builder().port(0).build().start();
            Recorder client = new Recorder();
            Session session = near.container().connectToServer(client, null, echo(far));
            session.getBasicRemote().sendText("up");
            assertEquals("up", client.next());

            near.stop();

            // No close handshake: both ends see the connection drop (RFC 6455 7.1.5).
            assertEquals(1006, PEER_CLOSES.poll(10, TimeUnit.SECONDS).getCloseCode().getCode());
            assertEquals(1006, client.nextClose().getCloseCode().getCode());
        } finally {
            far.stop();
            PEER_CLOSES.clear();
        }
    }

    /** Live threads whose names start with {@code prefix}; stop joins them, so none may be left. */
    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName).sorted().toList();
    }
}
