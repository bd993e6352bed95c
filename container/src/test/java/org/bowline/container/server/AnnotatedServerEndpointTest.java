package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnClose;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.OnOpen;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Annotated {@code @ServerEndpoint} classes on the standalone server, over real sockets with a
 * programmatic client (Jakarta WebSocket 2.2 chapter 4: callbacks, {@code @PathParam} conversion,
 * return values, error handling, {@code maxMessageSize}; section 6.4 addEndpoint).
 */
class AnnotatedServerEndpointTest {

    static final BlockingQueue<String> EVENTS = new LinkedBlockingQueue<>();

    @ServerEndpoint("/rooms/{room}/seats/{seat}")
    public static class RoomEcho {
        @OnMessage
        public String echo(@PathParam("seat") int seat, String text, Session session, @PathParam("room") String room) {
            return room + "#" + (seat + 1) + ":" + text + ":" + session.isOpen();
        }
    }

    @ServerEndpoint("/lifecycle/{id}")
    public static class Lifecycle {
        @OnOpen
        public void open(Session session, EndpointConfig config, @PathParam("id") String id) {
            EVENTS.add("open " + id + " " + ((ServerEndpointConfig) config).getPath());
        }

        @OnMessage
        public void message(String text, @PathParam("id") String id) {
            EVENTS.add("message " + id + " " + text);
            if (text.equals("fail")) {
                throw new IllegalStateException("fail requested");
            }
        }

        @OnError
        public void error(Throwable t, @PathParam("id") String id) {
            EVENTS.add("error " + id + " " + t.getClass().getSimpleName() + " " + t.getMessage());
        }

        @OnClose
        public void close(CloseReason reason, @PathParam("id") String id, Session session) {
            EVENTS.add("close " + id + " " + reason.getCloseCode().getCode());
        }
    }

    @ServerEndpoint("/faulty")
    public static class Faulty {
        @OnMessage
        public String echo(String text) throws IOException {
            if (text.startsWith("throw")) {
                throw new IOException("intended: " + text);
            }
            return "echo " + text;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error " + t.getClass().getName() + " " + t.getMessage()
                    + " open=" + session.isOpen());
        }
    }

    @ServerEndpoint("/returns")
    public static class Returns {
        @OnMessage
        public byte[] reversed(ByteBuffer data) {
            byte[] out = new byte[data.remaining()];
            for (int i = out.length - 1; i >= 0; i--) {
                out[i] = data.get();
            }
            return out;
        }

        @OnMessage
        public int length(String text) {
            return text.length();
        }

        @OnMessage
        public String pong(PongMessage pong) {
            return "pong " + StandardCharsets.UTF_8.decode(pong.getApplicationData());
        }
    }

    @ServerEndpoint("/partial")
    public static class Partial {
        @OnMessage
        public String part(String text, boolean last) {
            return "part(" + last + "):" + text;
        }
    }

    @ServerEndpoint("/typed/{n}")
    public static class Typed {
        private int n;

        @OnOpen
        public void open(@PathParam("n") int n) {
            this.n = n;
        }

        @OnMessage
        public String echo(String text) {
            return n * 2 + " " + text;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText(t.getClass().getSimpleName() + ": " + t.getMessage());
        }
    }

    @ServerEndpoint("/small")
    public static class Small {
        @OnMessage(maxMessageSize = 16)
        public String echo(String text) {
            return text;
        }
    }

    @ServerEndpoint("/counter")
    public static class Counter {
        private int count;

        @OnMessage
        public int next(String ignored) {
            return ++count;
        }
    }

    /** Makes the endpoint itself and stamps it; adds a header to the 101. */
    public static class Stamp extends ServerEndpointConfig.Configurator {
        @Override
        public <T> T getEndpointInstance(Class<T> endpointClass) {
            return endpointClass.cast(new Configured("made by Stamp"));
        }

        @Override
        public void modifyHandshake(ServerEndpointConfig sec, jakarta.websocket.server.HandshakeRequest request,
                                    jakarta.websocket.HandshakeResponse response) {
            response.getHeaders().put("X-Stamp", List.of("yes"));
        }
    }

    @ServerEndpoint(value = "/configured", subprotocols = {"v2", "v1"}, configurator = Stamp.class)
    public static class Configured {
        private final String origin;

        public Configured() {
            this("default constructor");
        }

        Configured(String origin) {
            this.origin = origin;
        }

        @OnOpen
        public void open(Session session) throws IOException {
            session.getBasicRemote().sendText(origin + " " + session.getNegotiatedSubprotocol());
        }
    }

    /** Not annotated with @ServerEndpoint: deployable only through a ServerEndpointConfig. */
    public static class Unannotated {
        @OnMessage
        public String echo(String text, @PathParam("x") String x) {
            return "unannotated " + x + " " + text;
        }
    }

    @ServerEndpoint("/invalid")
    public static class Invalid {
        @OnMessage
        public String echo(String text, int notAllowed) {
            return text;
        }
    }

    /** A programmatic client that records what it gets. */
    public static class Probe extends Endpoint {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();
        final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, messages::add);
            session.addMessageHandler(ByteBuffer.class, data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                messages.add(bytes);
            });
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            closes.add(reason);
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return message;
        }

        CloseReason nextClose() throws InterruptedException {
            CloseReason reason = closes.poll(10, TimeUnit.SECONDS);
            assertNotNull(reason, "no close within 10 s");
            return reason;
        }
    }

    private static BowlineServer server;
    private BowlineClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0).build();
        BowlineServerContainer container = server.container();
        for (Class<?> c : List.of(RoomEcho.class, Lifecycle.class, Faulty.class, Returns.class, Partial.class,
                Typed.class, Small.class, Counter.class, Configured.class)) {
            container.addEndpoint(c);
        }
        container.addEndpoint(ServerEndpointConfig.Builder.create(RoomEcho.class, "/other/{room}/{seat}").build());
        container.addEndpoint(ServerEndpointConfig.Builder.create(Unannotated.class, "/plain/{x}").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void newClient() {
        client = new BowlineClientContainer();
        EVENTS.clear();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Session open(Probe probe, String path) throws Exception {
        return open(probe, path, ClientEndpointConfig.Builder.create().build());
    }

    private Session open(Probe probe, String path, ClientEndpointConfig config) throws Exception {
        return client.connectToServer(probe, config, URI.create("ws://localhost:" + server.port() + path));
    }

    private static String nextEvent() throws InterruptedException {
        String event = EVENTS.poll(10, TimeUnit.SECONDS);
        assertNotNull(event, "no endpoint event within 10 s");
        return event;
    }

    @Test
    void pathParams_areConvertedToTheParameterTypes() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/rooms/blue/seats/41");
        session.getBasicRemote().sendText("hi");
        assertEquals("blue#42:hi:true", probe.next());
        session.close();
    }

    @Test
    void addEndpointWithConfig_acceptsAnAnnotatedClassAtAnotherPath() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/other/red/9");
        session.getBasicRemote().sendText("x");
        assertEquals("red#10:x:true", probe.next());
        Probe plain = new Probe();
        Session second = open(plain, "/plain/abc");
        second.getBasicRemote().sendText("y");
        assertEquals("unannotated abc y", plain.next());
        session.close();
        second.close();
    }

    @Test
    void callbacks_runInOrderOpenMessageErrorClose() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/lifecycle/7");
        session.getBasicRemote().sendText("a");
        session.getBasicRemote().sendText("fail");
        session.getBasicRemote().sendText("b");
        assertEquals("open 7 /lifecycle/{id}", nextEvent());
        assertEquals("message 7 a", nextEvent());
        assertEquals("message 7 fail", nextEvent());
        assertEquals("error 7 IllegalStateException fail requested", nextEvent());
        assertEquals("message 7 b", nextEvent(), "the session carries on after @OnError");
        session.close(new CloseReason(CloseReason.CloseCodes.GOING_AWAY, "bye"));
        assertEquals("close 7 1001", nextEvent());
        assertNull(EVENTS.poll(), "nothing after @OnClose");
    }

    @Test
    void anExceptionFromOnMessage_reachesOnErrorUnwrappedWithTheSessionOpen() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/faulty");
        session.getBasicRemote().sendText("throw 1");
        assertEquals("error java.io.IOException intended: throw 1 open=true", probe.next());
        session.getBasicRemote().sendText("still there");
        assertEquals("echo still there", probe.next());
        assertTrue(session.isOpen());
        session.close();
    }

    @Test
    void returnValues_areSentBack() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/returns");
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {3, 2, 1}, (byte[]) probe.next());
        session.getBasicRemote().sendText("12345");
        assertEquals("5", probe.next(), "an int return value goes as text");
        session.getBasicRemote().sendPong(ByteBuffer.wrap("abc".getBytes(StandardCharsets.UTF_8)));
        assertEquals("pong abc", probe.next());
        session.close();
    }

    @Test
    void partialTextMethod_getsTheLastFlag() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/partial");
        session.getBasicRemote().sendText("whole");
        assertEquals("part(true):whole", probe.next());
        session.close();
    }

    @Test
    void aPathParamThatDoesNotConvert_isADecodeExceptionForOnError() throws Exception {
        Probe good = new Probe();
        Session ok = open(good, "/typed/21");
        ok.getBasicRemote().sendText("x");
        assertEquals("42 x", good.next());
        Probe bad = new Probe();
        Session session = open(bad, "/typed/abc");
        String error = (String) bad.next();
        assertTrue(error.startsWith("DecodeException: ") && error.contains("'n'") && error.contains("abc"), error);
        ok.close();
        session.close();
    }

    @Test
    void maxMessageSize_limitsThatMethodsMessages() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/small");
        session.getBasicRemote().sendText("short");
        assertEquals("short", probe.next());
        session.getBasicRemote().sendText("x".repeat(17));
        assertEquals(CloseReason.CloseCodes.TOO_BIG, probe.nextClose().getCloseCode());
    }

    @Test
    void eachSession_getsItsOwnEndpointInstance() throws Exception {
        Probe first = new Probe();
        Probe second = new Probe();
        Session a = open(first, "/counter");
        Session b = open(second, "/counter");
        a.getBasicRemote().sendText("");
        a.getBasicRemote().sendText("");
        b.getBasicRemote().sendText("");
        assertEquals("1", first.next());
        assertEquals("2", first.next());
        assertEquals("1", second.next());
        a.close();
        b.close();
    }

    @Test
    void theAnnotationsConfiguratorAndSubprotocolsApply() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/configured",
                ClientEndpointConfig.Builder.create().preferredSubprotocols(List.of("v1")).build());
        assertEquals("made by Stamp v1", probe.next());
        session.close();
    }

    @Test
    void anInvalidClass_isRefusedAndNotRegistered() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> server.container().addEndpoint(Invalid.class));
        assertTrue(e.getMessage().contains(Invalid.class.getName()) && e.getMessage().contains("Invalid.echo("),
                e.getMessage());
        assertNull(server.container().match("/invalid"));
    }

    @Test
    void aClassWithoutServerEndpoint_isRefusedByName() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> server.container().addEndpoint(Unannotated.class));
        assertTrue(e.getMessage().contains(Unannotated.class.getName()), e.getMessage());
    }

    @Test
    void aHostChosenConfigThatWasNeverAdded_stillGetsTheAdapter() throws Exception {
        ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Faulty.class, "/not-added").build();
        Endpoint endpoint = server.container().endpointFor(config, new Faulty());
        assertTrue(endpoint instanceof org.bowline.container.endpoint.AnnotatedEndpoint, endpoint.toString());
        InstantiationException wrong = assertThrows(InstantiationException.class,
                () -> server.container().endpointFor(config, new Counter()));
        assertTrue(wrong.getMessage().contains(Counter.class.getName()), wrong.getMessage());
        ServerEndpointConfig invalid = ServerEndpointConfig.Builder.create(Invalid.class, "/not-added").build();
        InstantiationException refused = assertThrows(InstantiationException.class,
                () -> server.container().endpointFor(invalid, new Invalid()));
        assertTrue(refused.getMessage().contains("Invalid.echo("), refused.getMessage());
    }

    @Test
    void theSamePathTwice_isRefused() {
        assertThrows(DeploymentException.class, () -> server.container().addEndpoint(RoomEcho.class));
    }
}
