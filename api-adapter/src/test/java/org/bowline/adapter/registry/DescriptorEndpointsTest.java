package org.bowline.adapter.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.server.BowlineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Descriptors served at /websockets/v4/service/{endpoint}, over real sockets. */
class DescriptorEndpointsTest {

    private final BowlineClientContainer client = new BowlineClientContainer();
    private final Recorder recorder = new Recorder();
    private final HandlerRegistry registry = new HandlerRegistry().register("my-project/ws-handler", recorder);

    @AfterEach
    void closeClient() {
        client.close();
    }

    /** A client session whose received texts and close go to a queue. */
    private Session connect(URI uri, BlockingQueue<String> received) throws Exception {
        return client.connectToServer(new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) received::add);
            }

            @Override
            public void onClose(Session session, CloseReason reason) {
                received.add("closed " + reason.getCloseCode().getCode());
            }
        }, ClientEndpointConfig.Builder.create().build(), uri);
    }

    private static String next(BlockingQueue<String> queue) throws InterruptedException {
        String item = queue.poll(10, TimeUnit.SECONDS);
        if (item == null) {
            throw new AssertionError("nothing within 10 s");
        }
        return item;
    }

    @Test
    void aDescriptorsEndpointSendsEveryEventToItsHandlerWhichMayReply(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("my-endpoint.websocket"),
                "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"my-endpoint\", \"description\": \"My Websocket\"}");
        try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, registry, DescriptorScan.of(dir, null))) {
            assertEquals(List.of(), server.deployment().problems());
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            URI uri = server.url("my-endpoint");
            assertTrue(uri.toString().endsWith(":" + server.port() + "/websockets/v4/service/my-endpoint"), uri.toString());
            Session session = connect(uri, received);
            assertEquals("onopen", recorder.next());
            session.getBasicRemote().sendText("hello");
            assertEquals("onmessage hello", recorder.next());
            assertEquals("Echo: hello", next(received));
            session.getBasicRemote().sendText("fail");
            assertEquals("onmessage fail", recorder.next());
            assertEquals("onerror the handler failed on purpose", recorder.next());
            session.getBasicRemote().sendText("still open");
            assertEquals("onmessage still open", recorder.next());
            assertEquals("Echo: still open", next(received));
            session.close();
            assertEquals("onclose", recorder.next());
        }
    }

    @Test
    void theHandlerMayCloseTheConnectionItWasCalledFor(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("e.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"e\"}");
        try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, registry, DescriptorScan.of(dir, null))) {
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session session = connect(server.url("e"), received);
            assertEquals("onopen", recorder.next());
            session.getBasicRemote().sendText("bye");
            assertEquals("onmessage bye", recorder.next());
            assertEquals("closed 1000", next(received));
            assertEquals("onclose", recorder.next());
        }
    }

    @Test
    void badDescriptorsAreReportedByFileAndTheOthersAreServed(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("a-first.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"shared\"}");
        Files.writeString(dir.resolve("b-duplicate.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"shared\"}");
        Files.writeString(dir.resolve("c-unknown.websocket"), "{\"handler\": \"nobody/none\", \"endpoint\": \"orphan\"}");
        Files.writeString(dir.resolve("d-malformed.websocket"), "{\"handler\": ");
        Files.writeString(dir.resolve("e-nested.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"rooms/lobby\"}");
        try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, registry, DescriptorScan.of(dir, null))) {
            DescriptorDeployment deployment = server.deployment();
            assertEquals(List.of("shared", "rooms/lobby"), deployment.served().stream().map(EndpointDescriptor::endpoint).toList());
            List<String> problems = deployment.problems().stream().map(DescriptorProblem::toString).toList();
            assertEquals(3, problems.size(), problems.toString());
            assertTrue(problems.contains(dir.resolve("b-duplicate.websocket") + ": duplicate endpoint 'shared': already served from "
                    + dir.resolve("a-first.websocket")), problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("c-unknown.websocket") + ": unknown handler 'nobody/none'")),
                    problems.toString());
            assertTrue(problems.stream().anyMatch(p -> p.startsWith(dir.resolve("d-malformed.websocket") + ": malformed JSON")),
                    problems.toString());

            for (String endpoint : List.of("shared", "rooms/lobby")) {
                BlockingQueue<String> received = new LinkedBlockingQueue<>();
                Session session = connect(server.url(endpoint), received);
                session.getBasicRemote().sendText("to " + endpoint);
                assertEquals("Echo: to " + endpoint, next(received));
                session.close();
            }
            DeploymentException refused = assertThrows(DeploymentException.class,
                    () -> connect(server.url("orphan"), new LinkedBlockingQueue<>()));
            assertTrue(String.valueOf(refused.getMessage()).contains("404") || String.valueOf(refused.getCause()).contains("404"),
                    refused.toString());
        }
    }

    @Test
    void descriptorsMountOnAnyBowlineServerContainerBesideOtherEndpoints(@TempDir Path dir) throws Exception {
        Files.writeString(dir.resolve("m.websocket"), "{\"handler\": \"my-project/ws-handler\", \"endpoint\": \"mounted\"}");
        try (BowlineServer server = BowlineServer.builder().port(0).build()) {
            server.container().addEndpoint(ServerEndpointConfig.Builder.create(Silent.class, "/other").build());
            DescriptorDeployment deployment = DescriptorEndpoints.mount(server.container(), registry, dir, null);
            assertEquals(1, deployment.served().size());
            server.start();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session session = connect(URI.create("ws://127.0.0.1:" + server.port() + "/websockets/v4/service/mounted"), received);
            session.getBasicRemote().sendText("mounted");
            assertEquals("Echo: mounted", next(received));
            session.close();
            connect(URI.create("ws://127.0.0.1:" + server.port() + "/other"), received).close();
        }
    }

    @Test
    void handlersFoundOnTheClassPathServeDescriptorsFoundOnTheClassPath() throws Exception {
        HandlerRegistry discovered = HandlerRegistry.discover(getClass().getClassLoader());
        try (RegistryServer server = RegistryServer.start("127.0.0.1", 0, discovered, (Path) null)) {
            assertTrue(server.deployment().served().stream().anyMatch(d -> d.endpoint().equals("from-class-path")),
                    server.deployment().toString());
            DiscoveredHandler.EVENTS.clear();
            BlockingQueue<String> received = new LinkedBlockingQueue<>();
            Session session = connect(server.url("from-class-path"), received);
            session.getBasicRemote().sendText("hi");
            assertEquals("discovered: hi", next(received));
            session.close();
            assertEquals("onopen", DiscoveredHandler.EVENTS.poll(10, TimeUnit.SECONDS));
            assertEquals("onmessage hi", DiscoveredHandler.EVENTS.poll(10, TimeUnit.SECONDS));
            assertEquals("onclose", DiscoveredHandler.EVENTS.poll(10, TimeUnit.SECONDS));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** Another application endpoint on the same container. */
    public static final class Silent extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
        }
    }
}
