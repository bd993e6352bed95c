package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpoint;
import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.server.BowlineServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Annotated {@code @ClientEndpoint} classes (Jakarta WebSocket 2.2 chapter 4, section 6.1:
 * connectToServer with an annotated instance or class) against an annotated server endpoint.
 */
class AnnotatedClientEndpointTest {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();
    static final BlockingQueue<Map<String, List<String>>> SERVER_SAW = new LinkedBlockingQueue<>();

    /** Records the upgrade request's headers. */
    public static class Recorder extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            SERVER_SAW.add(request.getHeaders());
        }
    }

    @ServerEndpoint(value = "/chat", subprotocols = {"chat.v1", "chat.v2"}, configurator = Recorder.class)
    public static class ChatServer {
        @OnMessage
        public String echo(String text, Session session) throws java.io.IOException {
            if (text.equals("close")) {
                session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4002), "asked to"));
                return null;
            }
            return "server: " + text;
        }
    }

    /** Adds a token to the upgrade request and sees the 101. */
    public static class Token extends ClientEndpointConfig.Configurator {
        @Override
        public void beforeRequest(Map<String, List<String>> headers) {
            headers.put("X-Token", List.of("t1"));
        }

        @Override
        public void afterResponse(HandshakeResponse response) {
            EVENTS.add("afterResponse " + response.getHeaders().get("Sec-WebSocket-Protocol"));
        }
    }

    @ClientEndpoint(subprotocols = "chat.v2", configurator = Token.class)
    public static class ChatClient {
        final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

        @OnOpen
        public void open(Session session, EndpointConfig config) {
            EVENTS.add("open " + session.getNegotiatedSubprotocol() + " "
                    + ((ClientEndpointConfig) config).getPreferredSubprotocols());
        }

        @OnMessage
        public void message(String text) {
            messages.add(text);
        }

        @OnClose
        public void close(CloseReason reason) {
            EVENTS.add("close " + reason.getCloseCode().getCode() + " " + reason.getReasonPhrase());
        }

        @OnError
        public void error(Throwable t) {
            EVENTS.add("error " + t);
        }

        String next() throws InterruptedException {
            String message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return message;
        }
    }

    /** Created by the container: reports through the static queue. */
    @ClientEndpoint
    public static class Created {
        @OnMessage
        public void message(String text) {
            EVENTS.add("created got " + text);
        }
    }

    /** The TCK's annotation inheritance case: every annotated method comes from the superclass. */
    @ClientEndpoint
    public static class Inherited extends ChatClient {
    }

    @ClientEndpoint
    public static class NoDefaultConstructor {
        public NoDefaultConstructor(String required) {
        }
    }

    @ClientEndpoint
    public static class TwoTextHandlers {
        @OnMessage
        public void a(String text) {
        }

        @OnMessage
        public void b(java.io.Reader text) {
        }
    }

    private static BowlineServer server;
    private BowlineClientContainer client;

    @BeforeAll
    static void startServer() throws Exception {
        server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ChatServer.class);
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void newClient() {
        client = new BowlineClientContainer();
        EVENTS.clear();
        SERVER_SAW.clear();
    }

    @AfterEach
    void closeClient() {
        client.close();
        ClientThreads.assertNoneLeft(client);
    }

    private static URI uri() {
        return URI.create("ws://localhost:" + server.port() + "/chat");
    }

    private static String nextEvent() throws InterruptedException {
        String event = EVENTS.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no event within 10 s");
        return event;
    }

    @Test
    void anAnnotatedInstance_talksToAnAnnotatedServerEndpoint() throws Exception {
        ChatClient endpoint = new ChatClient();
        Session session = client.connectToServer(endpoint, uri());
        assertEquals("afterResponse [chat.v2]", nextEvent());
        assertEquals("open chat.v2 [chat.v2]", nextEvent());
        Map<String, List<String>> request = SERVER_SAW.poll(10, TimeUnit.SECONDS);
        assertNotNull(request);
        assertEquals(List.of("t1"), request.get("X-Token"), "the annotation's configurator ran");
        assertEquals(List.of("chat.v2"), request.get("Sec-WebSocket-Protocol"));
        session.getBasicRemote().sendText("hello");
        assertEquals("server: hello", endpoint.next());
        session.getBasicRemote().sendText("close");
        assertEquals("close 4002 asked to", nextEvent());
    }

    @Test
    void theClassForm_createsTheEndpointWithItsNoArgConstructor() throws Exception {
        Session session = client.connectToServer(Created.class, uri());
        session.getBasicRemote().sendText("ping");
        assertEquals("created got server: ping", nextEvent());
        session.close();
    }

    @Test
    void annotatedMethodsOfASuperclass_areInherited() throws Exception {
        Inherited endpoint = new Inherited();
        Session session = client.connectToServer(endpoint, uri());
        session.getBasicRemote().sendText("from a subclass");
        assertEquals("server: from a subclass", endpoint.next());
        session.close();
    }

    @Test
    void getOpenSessions_groupsByTheAnnotatedClass() throws Exception {
        Session a = client.connectToServer(new ChatClient(), uri());
        Session b = client.connectToServer(new ChatClient(), uri());
        Session other = client.connectToServer(new Created(), uri());
        assertEquals(2, a.getOpenSessions().size());
        assertEquals(1, other.getOpenSessions().size());
        a.close();
        b.close();
        other.close();
    }

    @Test
    void theClassForm_needsAPublicNoArgConstructor() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> client.connectToServer(NoDefaultConstructor.class, uri()));
        assertTrue(e.getMessage().contains(NoDefaultConstructor.class.getName())
                && e.getMessage().contains("public no-argument constructor"), e.getMessage());
    }

    @Test
    void anInvalidClientEndpoint_isRefusedNamingClassAndMethod() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> client.connectToServer(new TwoTextHandlers(), uri()));
        assertTrue(e.getMessage().contains(TwoTextHandlers.class.getName())
                && e.getMessage().contains("TwoTextHandlers.b(Reader)"), e.getMessage());
        DeploymentException c = assertThrows(DeploymentException.class,
                () -> client.connectToServer(TwoTextHandlers.class, uri()));
        assertTrue(c.getMessage().contains("TwoTextHandlers.b(Reader)"), c.getMessage());
    }
}
