package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.server.BowlineServer;
import org.bowline.servlet.app.AnnotatedEcho;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * An endpoint in a web application on embedded Jetty (ee10) opens client connections through the
 * {@code ServerContainer} of its servlet context ({@link org.bowline.servlet.app.RelayEndpoint}), to
 * its own application and to another server; stopping the application closes them with 1001 and
 * leaves no thread of its Bowline running.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class JettyEe10ClientConnectionsTest {

    private static final String APP = "/relaying";
    private static final BlockingQueue<CloseReason> FAR_CLOSES = new LinkedBlockingQueue<>();

    /** The other server's echo, which records how its sessions end. */
    public static class FarEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.getBasicRemote().sendText("far " + text);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            FAR_CLOSES.add(reason);
        }
    }

    @Test
    void anEndpointConnectsThroughItsServerContainerAndTheApplicationsStopEndsThoseConnections() throws Exception {
        JettyEe10Host host = new JettyEe10Host();
        BowlineServer far = BowlineServer.builder().port(0).build();
        far.container().addEndpoint(ServerEndpointConfig.Builder.create(FarEcho.class, "/far").build());
        far.start();
        BowlineClientContainer client = new BowlineClientContainer();
        try {
            // The application's listener adds an echo at /added and the relay at /relay.
            int port = host.start(List.of(new ServletHost.WebApp(APP, Set.of(AnnotatedEcho.class))));
            ClassLoader loader = host.classLoaderOf(APP);
            URI relay = URI.create("ws://127.0.0.1:" + port + APP + "/relay");

            // To its own application.
            TestClient toItself = TestClient.connect(client, relay);
            toItself.session.getBasicRemote().sendText("ws://127.0.0.1:" + port + APP + "/added");
            assertEquals("connected; same container: true", toItself.next());
            assertEquals("relayed hello", toItself.next());

            // To another server.
            TestClient toFar = TestClient.connect(client, relay);
            toFar.session.getBasicRemote().sendText("ws://127.0.0.1:" + far.port() + "/far");
            assertEquals("connected; same container: true", toFar.next());
            assertEquals("relayed far hello", toFar.next());
            assertEquals(List.of("bowline-client" + APP + "-io-0"), threadsNamed("bowline-client" + APP + "-io"),
                    "the application's client connections' I/O thread");

            host.stopWebApp(APP);

            // The other server was told why; so were the relays' own peers.
            CloseReason farClose = FAR_CLOSES.poll(30, TimeUnit.SECONDS);
            assertNotNull(farClose, "the other server's session did not end");
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, farClose.getCloseCode());
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, toFar.awaitClose().getCloseCode());
            assertEquals(CloseReason.CloseCodes.GOING_AWAY, toItself.awaitClose().getCloseCode());
            // Nothing of the application's Bowline runs on, and no live thread keeps its class loader.
            List<String> bowline = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getName().startsWith("bowline-") && t.getName().contains(APP))
                    .map(Thread::getName).sorted().toList();
            assertEquals(List.of(), bowline, "Bowline threads of " + APP + " still running after it stopped");
            List<String> holding = Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && t.getContextClassLoader() == loader).map(Thread::getName).toList();
            assertEquals(List.of(), holding, "live threads whose context class loader is the stopped application's");
            assertTrue(far.container().allOpenSessions().isEmpty(), "the other server still has a session");
        } finally {
            client.close();
            host.stop();
            far.stop();
        }
    }

    private static List<String> threadsNamed(String prefix) {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.isAlive() && t.getName().startsWith(prefix))
                .map(Thread::getName).sorted().toList();
    }
}
