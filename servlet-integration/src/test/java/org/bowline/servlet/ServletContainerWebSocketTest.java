package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.server.conformance.WireClient;
import org.bowline.servlet.app.AnnotatedEcho;
import org.bowline.servlet.app.BrokenAppConfig;
import org.bowline.servlet.app.CountEndpoint;
import org.bowline.servlet.app.EchoEndpoint;
import org.bowline.servlet.app.ProbeEndpoint;
import org.bowline.servlet.app.TestAppConfig;
import org.bowline.servlet.app.TestApplicationInitializer;
import org.bowline.servlet.app.UnlistedEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * Bowline as the WebSocket provider of a real Servlet 6 container (Jakarta WebSocket 2.2,
 * section 6, "Server Application Deployment"), over real sockets with Bowline's client. One
 * subclass per container (a {@link ServletHost}) starts the same web applications: {@code ""} with
 * {@link TestAppConfig}'s endpoints, {@code /broken}, whose deployment fails, and others.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class ServletContainerWebSocketTest {

    /** How soon the server must close TCP once a closing handshake is over (it takes milliseconds). */
    private static final int STRICT_CLOSE_MILLIS = 2_000;

    private final ServletHost host;
    private BowlineClientContainer client;
    private int port;

    protected ServletContainerWebSocketTest(ServletHost host) {
        this.host = host;
    }

    @BeforeAll
    void startContainer() throws Exception {
        port = host.start(List.of(
                new ServletHost.WebApp("", Set.of(EchoEndpoint.class, ProbeEndpoint.class, CountEndpoint.class,
                        UnlistedEndpoint.class, AnnotatedEcho.class, TestAppConfig.class)),
                new ServletHost.WebApp("/plain", Set.of(AnnotatedEcho.class, EchoEndpoint.class)),
                new ServletHost.WebApp("/broken", Set.of(EchoEndpoint.class, CountEndpoint.class, BrokenAppConfig.class)),
                new ServletHost.WebApp("/stopping", Set.of(EchoEndpoint.class, ProbeEndpoint.class, CountEndpoint.class,
                        UnlistedEndpoint.class, AnnotatedEcho.class, TestAppConfig.class)),
                new ServletHost.WebApp("/undeployed", Set.of(EchoEndpoint.class, ProbeEndpoint.class, CountEndpoint.class,
                        UnlistedEndpoint.class, AnnotatedEcho.class, TestAppConfig.class)),
                new ServletHost.WebApp(TestApplicationInitializer.LATE_INVALID_CONTEXT, Set.of(EchoEndpoint.class,
                        ProbeEndpoint.class, CountEndpoint.class, UnlistedEndpoint.class, TestAppConfig.class))));
        client = new BowlineClientContainer();
    }

    @AfterAll
    void stopContainer() throws Exception {
        if (client != null) {
            client.close();
        }
        host.stop();
    }

    private URI ws(String path) {
        return URI.create("ws://127.0.0.1:" + port + path);
    }

    private static void close(TestClient c) throws Exception {
        c.session.close();
        c.awaitClose();
    }

    @Test
    void textMessagesAreEchoed() throws Exception {
        TestClient c = TestClient.connect(client, ws("/echo"));
        c.session.getBasicRemote().sendText("hello");
        c.session.getBasicRemote().sendText("héllo wörld ✓");
        assertEquals("hello", c.next());
        assertEquals("héllo wörld ✓", c.next());
        close(c);
    }

    @Test
    void binaryMessagesAreEchoed() throws Exception {
        TestClient c = TestClient.connect(client, ws("/echo"));
        c.session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF}));
        assertEquals(ByteBuffer.wrap(new byte[] {1, 2, 3, (byte) 0xFF}), c.next());
        close(c);
    }

    @Test
    void oneMebibyteMessagesAreEchoedWhole() throws Exception {
        TestClient c = TestClient.connect(client, ws("/echo"));
        byte[] binary = new byte[1 << 20];
        for (int i = 0; i < binary.length; i++) {
            binary[i] = (byte) (i * 31 + (i >>> 11));
        }
        char[] chars = new char[1 << 20];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = (char) ('a' + i % 26);
        }
        String text = new String(chars);
        c.session.getBasicRemote().sendBinary(ByteBuffer.wrap(binary));
        c.session.getBasicRemote().sendText(text);
        ByteBuffer echoed = (ByteBuffer) c.next();
        byte[] echoedBytes = new byte[echoed.remaining()];
        echoed.get(echoedBytes);
        assertArrayEquals(binary, echoedBytes);
        assertEquals(text, c.next());
        close(c);
    }

    @Test
    void permessageDeflateIsNegotiatedAndCarriesLargeMessages() throws Exception {
        try (BowlineClientContainer deflating = new BowlineClientContainer()) {
            deflating.setPermessageDeflateOffered(true);
            TestClient c = TestClient.connect(deflating, ws("/echo"));
            assertEquals(List.of("permessage-deflate"),
                    c.session.getNegotiatedExtensions().stream().map(e -> e.getName()).toList());
            String text = "compressible ".repeat(80_000);
            c.session.getBasicRemote().sendText(text);
            assertEquals(text, c.next());
            close(c);
        }
    }

    @Test
    void aCloseFromTheServerReachesTheClientWithCodeAndReason() throws Exception {
        TestClient c = TestClient.connect(client, ws("/echo"));
        c.session.getBasicRemote().sendText(EchoEndpoint.CLOSE_COMMAND);
        CloseReason reason = c.awaitClose();
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("server says bye", reason.getReasonPhrase());
    }

    @Test
    void aCloseFromTheClientReachesTheServerWithCodeAndReason() throws Exception {
        TestClient c = TestClient.connect(client, ws("/echo?session=client-closes"));
        c.session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4002), "client bye"));
        CloseReason atServer = serverCloseOf("session=client-closes");
        assertEquals(4002, atServer.getCloseCode().getCode());
        assertEquals("client bye", atServer.getReasonPhrase());
        // The server echoes the code (RFC 6455 section 5.5.1).
        assertEquals(4002, c.awaitClose().getCloseCode().getCode());
    }

    /** The close EchoEndpoint saw for the session upgraded with {@code query}, skipping other sessions' closes. */
    private static CloseReason serverCloseOf(String query) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(TestClient.TIMEOUT_SECONDS);
        List<Map.Entry<String, CloseReason>> others = new ArrayList<>();
        for (long left = deadline - System.nanoTime(); left > 0; left = deadline - System.nanoTime()) {
            Map.Entry<String, CloseReason> close = EchoEndpoint.CLOSES.poll(left, TimeUnit.NANOSECONDS);
            if (close != null && close.getKey().equals(query)) {
                return close.getValue();
            }
            if (close != null) {
                others.add(close);
            }
        }
        throw new AssertionError("the server endpoint saw no close of the session \"" + query + "\", only " + others);
    }

    /**
     * RFC 6455 7.1.1: once the closing handshake is over the server closes the TCP connection, at
     * once; here the server's endpoint closes first and the client's reply ends the handshake.
     */
    @Test
    void whenTheServerClosesFirstItClosesTcpRightAfterTheClientsReply() throws Exception {
        try (WireClient c = WireClient.open(port)) {
            c.setTimeout(STRICT_CLOSE_MILLIS);
            c.sendText(EchoEndpoint.CLOSE_COMMAND);
            WireClient.Frame close = c.readFrame();
            assertEquals(WireClient.CLOSE, close.opcode(), () -> "expected the server's close, got " + close);
            assertEquals(4001, close.closeCode());
            c.send(WireClient.CLOSE, WireClient.closePayload(4001, new byte[0]));
            c.expectEof();
        }
    }

    /** RFC 6455 5.5.1, 7.1.1: the client closes first; the server's close reply is the last thing it sends, then TCP closes. */
    @Test
    void whenTheClientClosesFirstTheServerRepliesAndClosesTcp() throws Exception {
        try (WireClient c = WireClient.open(port)) {
            c.setTimeout(STRICT_CLOSE_MILLIS);
            c.sendText("before the close");
            c.expectEcho("before the close");
            c.send(WireClient.CLOSE, WireClient.closePayload(1000, new byte[0]));
            c.expectClose(1000);
        }
    }

    /** RFC 6455 7.1.7: a connection failed on a protocol error ends with the close frame and then TCP close. */
    @Test
    void aFailedConnectionEndsWithItsCloseFrameAndTcpClose() throws Exception {
        try (WireClient c = WireClient.open(port)) {
            c.setTimeout(STRICT_CLOSE_MILLIS);
            c.send(true, 0, 0x3, new byte[0]);   // a reserved opcode
            c.expectFailure(1002);
        }
    }

    /**
     * A WebSocket connection never turns back into an HTTP connection: what the peer sends after the
     * server's close frame (its close reply, and here an HTTP request behind it) gets no HTTP answer.
     */
    @Test
    void nothingSentAfterTheCloseIsAnsweredAsHttp() throws Exception {
        try (WireClient c = WireClient.open(port)) {
            c.setTimeout(STRICT_CLOSE_MILLIS);
            c.sendText(EchoEndpoint.CLOSE_COMMAND);
            assertEquals(4001, c.readFrame().closeCode());
            byte[] request = ("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\n\r\n")
                    .getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            try {
                c.sendRaw(WireClient.concat(WireClient.frame(true, 0, WireClient.CLOSE,
                        WireClient.closePayload(4001, new byte[0])), request));
            } catch (java.io.IOException alreadyClosed) {
                // the server closed TCP first; the read below sees that
            }
            c.expectEof();
        }
    }

    @Test
    void anUpgradeForAPathWithoutEndpointGoesDownTheServletChain() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(port, "/nowhere", "Sec-WebSocket-Version: 13\r\n");
        assertEquals(200, response.status(), response.head());
        assertEquals("fallback /nowhere", response.body());
    }

    @Test
    void anEndpointTheApplicationConfigLeftOutIsNotDeployed() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(port, "/unlisted", "Sec-WebSocket-Version: 13\r\n");
        assertEquals(200, response.status(), response.head());
        assertEquals("fallback /unlisted", response.body());
    }

    @Test
    void plainRequestsStillReachTheApplication() throws Exception {
        RawHttp.Response response = RawHttp.get(port, "/echo");
        assertEquals(200, response.status(), response.head());
        assertEquals("fallback /echo", response.body());
    }

    @Test
    void checkOriginFalseAnswers403() throws Exception {
        RawHttp.Response refused = RawHttp.upgrade(port, "/guarded",
                "Sec-WebSocket-Version: 13\r\nOrigin: http://evil.example\r\n");
        assertEquals(403, refused.status(), refused.head());

        RawHttp.Response accepted = RawHttp.upgrade(port, "/guarded",
                "Sec-WebSocket-Version: 13\r\nOrigin: " + TestAppConfig.ALLOWED_ORIGIN + "\r\n");
        assertEquals(101, accepted.status(), accepted.head());
        assertTrue(accepted.hasHeader("Sec-WebSocket-Accept", "s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), accepted.head());
        // The configurator's modifyHandshake adds a field of its own and Connection: close; only the first goes out.
        assertTrue(accepted.hasHeader("X-Guarded", "yes"), accepted.head());
        assertTrue(accepted.hasHeader("Connection", "Upgrade"), accepted.head());
        assertFalse(accepted.hasHeader("Connection", "close"), accepted.head());
    }

    @Test
    void anUnsupportedVersionAnswers426NamingTheVersion() throws Exception {
        RawHttp.Response response = RawHttp.upgrade(port, "/echo", "Sec-WebSocket-Version: 8\r\n");
        assertEquals(426, response.status(), response.head());
        assertTrue(response.hasHeader("Sec-WebSocket-Version", "13"), response.head());
    }

    @Test
    void theServerPicksItsPreferredSubprotocolAmongTheClients() throws Exception {
        TestClient c = TestClient.connect(client, ws("/proto"), Map.of(), List.of("chat.v3", "chat.v1", "chat.v2"));
        // The default configurator takes the client's first acceptable choice.
        assertEquals("chat.v1", c.session.getNegotiatedSubprotocol());
        close(c);

        TestClient none = TestClient.connect(client, ws("/proto"), Map.of(), List.of("chat.v9"));
        assertEquals("", none.session.getNegotiatedSubprotocol());
        close(none);
    }

    @Test
    void modifyHandshakeSeesTheHttpSessionPrincipalAndRoles() throws Exception {
        TestClient c = TestClient.connect(client, ws("/probe/7"),
                Map.of(TestApplicationInitializer.USER_HEADER, "alice"), List.of());
        assertEquals("id=7;user=alice;admin=true;session=alice", c.next());
        close(c);

        TestClient anonymous = TestClient.connect(client, ws("/probe/8"));
        assertEquals("id=8;user=null;admin=false;session=null", anonymous.next());
        close(anonymous);
    }

    @Test
    void aServletUpgradesWithUpgradeHttpToWebSocket() throws Exception {
        TestClient c = TestClient.connect(client, ws("/manual/42"),
                Map.of(TestApplicationInitializer.USER_HEADER, "bob"), List.of());
        assertEquals("id=42;user=bob;admin=true;session=bob", c.next());
        close(c);
    }

    @Test
    void aServletUpgradesToAnAnnotatedEndpoint() throws Exception {
        TestClient c = TestClient.connect(client, ws("/manual/annotated/zz"));
        c.session.getBasicRemote().sendText("q");
        assertEquals("zz:q@/manual/annotated/zz", c.next());
        close(c);
    }

    @Test
    void anEndpointAddedByAContextListenerIsServed() throws Exception {
        TestClient c = TestClient.connect(client, ws("/added"));
        c.session.getBasicRemote().sendText("from the listener's endpoint");
        assertEquals("from the listener's endpoint", c.next());
        close(c);
    }

    @Test
    void anApplicationWithAnInvalidEndpointStartsButServesNoEndpoint() throws Exception {
        RawHttp.Response page = RawHttp.get(port, "/broken/page");
        assertEquals(200, page.status(), page.head());
        assertEquals("fallback /page", page.body());

        for (String path : List.of("/broken/echo", "/broken/dup", "/broken/added")) {
            RawHttp.Response upgrade = RawHttp.upgrade(port, path, "Sec-WebSocket-Version: 13\r\n");
            assertNotEquals(101, upgrade.status(), path + ": " + upgrade.head());
        }
        // The healthy application next to it is unaffected.
        assertEquals(101, RawHttp.upgrade(port, "/echo", "Sec-WebSocket-Version: 13\r\n").status());
    }

    /**
     * Section 5.2.1: a deployment error halts the application's deployment and takes the well-formed
     * endpoints deployed before it out of service, also when a listener adds the bad endpoint itself
     * and swallows the DeploymentException.
     */
    @Test
    void anInvalidEndpointAddedByAListenerTakesTheApplicationsEndpointsOutOfService() throws Exception {
        String app = TestApplicationInitializer.LATE_INVALID_CONTEXT;
        for (String path : List.of(app + "/echo", app + "/count", app + "/added", app + "/invalid/x")) {
            RawHttp.Response upgrade = RawHttp.upgrade(port, path, "Sec-WebSocket-Version: 13\r\n");
            assertNotEquals(101, upgrade.status(), path + ": " + upgrade.head());
        }
        RawHttp.Response page = RawHttp.get(port, app + "/page");
        assertEquals(200, page.status(), page.head());
        // The same endpoint in the healthy application next to it is unaffected.
        assertEquals(101, RawHttp.upgrade(port, "/echo", "Sec-WebSocket-Version: 13\r\n").status());
    }

    @Test
    void manySequentialConnectionsLeaveNoSessionBehind() throws Exception {
        for (int i = 0; i < 200; i++) {
            TestClient c = TestClient.connect(client, ws(i % 2 == 0 ? "/echo" : "/count"));
            if (i % 2 == 0) {
                c.session.getBasicRemote().sendText("n" + i);
                assertEquals("n" + i, c.next());
            } else {
                c.next();
            }
            close(c);
        }
        // The last server sessions may still be finishing their close; poll until only ours is left.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        String count;
        do {
            TestClient probe = TestClient.connect(client, ws("/count"));
            count = (String) probe.next();
            close(probe);
        } while (!count.equals("1") && System.nanoTime() < deadline && sleep());
        assertEquals("1", count);
    }

    @Test
    void anAnnotatedEndpointTheApplicationConfigKeepsIsServed() throws Exception {
        TestClient c = TestClient.connect(client, ws("/annotated/hi"));
        c.session.getBasicRemote().sendText("there");
        assertEquals("hi:there@/annotated/hi", c.next());
        close(c);
    }

    @Test
    void withoutAnApplicationConfigScannedAnnotatedEndpointsAreServedInTheirContext() throws Exception {
        TestClient c = TestClient.connect(client, ws("/plain/annotated/yo"));
        c.session.getBasicRemote().sendText("m");
        assertEquals("yo:m@/plain/annotated/yo", c.next());
        close(c);
    }

    @Test
    void withoutAnApplicationConfigProgrammaticEndpointsAreNotDeployed() throws Exception {
        assertEquals(101, RawHttp.upgrade(port, "/plain/annotated/yo", "Sec-WebSocket-Version: 13\r\n").status());
        RawHttp.Response response = RawHttp.upgrade(port, "/plain/echo", "Sec-WebSocket-Version: 13\r\n");
        assertEquals(200, response.status(), response.head());
        assertEquals("fallback /echo", response.body());
    }

    @Test
    void stoppingTheWebApplicationClosesItsSessionsWithGoingAway() throws Exception {
        TestClient c = TestClient.connect(client, ws("/stopping/count"));
        assertEquals("1", c.next());
        host.stopWebApp("/stopping");
        CloseReason reason = c.awaitClose();
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, reason.getCloseCode());
        assertEquals("The web application is stopping", reason.getReasonPhrase());
    }

    /**
     * Undeploying an application ends every thread its Bowline started before the application is
     * gone: none is left running, and no live thread keeps the application's class loader.
     */
    @Test
    void stoppingTheWebApplicationEndsEveryThreadItsBowlineStarted() throws Exception {
        String app = "/undeployed";
        ClassLoader loader = host.classLoaderOf(app);
        // A session that closes arms a close timer (the timer thread); one left open is closed by the stop.
        TestClient closed = TestClient.connect(client, ws(app + "/echo"));
        closed.session.getBasicRemote().sendText("first");
        assertEquals("first", closed.next());
        close(closed);
        TestClient open = TestClient.connect(client, ws(app + "/echo"));
        open.session.getBasicRemote().sendText("second");
        assertEquals("second", open.next());
        assertFalse(bowlineThreadsOf(app).isEmpty(), "the application's Bowline runs threads while it serves");

        host.stopWebApp(app);

        assertEquals(List.of(), bowlineThreadsOf(app), "Bowline threads of " + app + " still running after it stopped");
        // A container thread may still be in the application's scope for a moment after the stop (Jetty finishing
        // a callback into it as its connections close); what must not be is a thread that keeps the loader.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        List<String> holding = threadsHolding(loader);
        while (!holding.isEmpty() && System.nanoTime() < deadline) {
            Thread.sleep(10);
            holding = threadsHolding(loader);
        }
        assertEquals(List.of(), holding, "live threads whose context class loader is the stopped application's");
        assertEquals(CloseReason.CloseCodes.GOING_AWAY, open.awaitClose().getCloseCode());
    }

    /** Live threads whose context class loader is {@code loader}, each with where it is now. */
    private static List<String> threadsHolding(ClassLoader loader) {
        return Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey().isAlive() && e.getKey().getContextClassLoader() == loader)
                .map(e -> e.getKey().getName() + " at " + List.of(e.getValue())).toList();
    }

    private static List<String> bowlineThreadsOf(String contextPath) {
        return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive).map(Thread::getName)
                .filter(name -> name.equals("bowline-timer" + contextPath)
                        || name.startsWith("bowline-session" + contextPath + "-"))
                .sorted().toList();
    }

    private static boolean sleep() throws InterruptedException {
        Thread.sleep(50);
        return true;
    }
}
