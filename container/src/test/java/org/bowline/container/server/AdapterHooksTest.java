package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.handshake.ServerHandshakeRequest;
import org.bowline.container.session.BowlineSession;
import org.bowline.container.session.IdleReceiver;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The hooks Bowline adds beside the Jakarta API for adapters (the service model): idle periods
 * reaching the endpoint, per-session frame limit and close timeout, the client's address and
 * the template's variables on the handshake request, and plain HTTP on the WebSocket port.
 */
class AdapterHooksTest {

    private BowlineServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop();
        }
    }

    private int start(Endpoint endpoint, String path, ServerEndpointConfig.Configurator configurator,
                      PlainHttpHandler plainHttp) throws Exception {
        server = BowlineServer.builder().port(0).plainHttp(plainHttp).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(endpoint.getClass(), path)
                .configurator(new DefaultServerConfigurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        if (configurator != null) {
                            configurator.modifyHandshake(sec, request, response);
                        }
                    }

                    @Override
                    public <T> T getEndpointInstance(Class<T> endpointClass) {
                        return endpointClass.cast(endpoint);
                    }
                }).build());
        server.start();
        return server.port();
    }

    private static void send(Session session, String text) {
        try {
            session.getBasicRemote().sendText(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** An echo endpoint that runs {@code onOpen} first. */
    public static class Opening extends EchoEndpoint {
        private final Consumer<Session> onOpen;

        Opening(Consumer<Session> onOpen) {
            this.onOpen = onOpen;
        }

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            super.onOpen(session, config);
            onOpen.accept(session);
        }
    }

    public static class IdleCounting extends EchoEndpoint implements IdleReceiver {
        private final AtomicInteger idle = new AtomicInteger();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            super.onOpen(session, config);
            session.setMaxIdleTimeout(150);
        }

        @Override
        public void onIdle(Session session) {
            send(session, "idle " + idle.incrementAndGet());
        }
    }

    @Test
    void anEndpointThatReceivesIdleNoticesIsToldEachIdlePeriodAndTheSessionStaysOpen() throws Exception {
        int port = start(new IdleCounting(), "/idle", null, null);
        try (RawClient client = RawClient.connect(port, "/idle")) {
            assertEquals("idle 1", new String(client.readFrame().payload(), StandardCharsets.UTF_8));
            assertEquals("idle 2", new String(client.readFrame().payload(), StandardCharsets.UTF_8));
            client.sendText("still open?");
            RawClient.Frame next = client.readFrame();
            while (new String(next.payload(), StandardCharsets.UTF_8).startsWith("idle ")) {
                next = client.readFrame();
            }
            assertEquals(0x1, next.opcode());
            assertEquals("still open?", new String(next.payload(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void aSessionFrameLimitRefusesALargerFrameWith1009ButNotALargerMessageInSmallerFrames() throws Exception {
        int port = start(new Opening(s -> ((BowlineSession) s).setMaxFramePayload(16)), "/frames", null, null);
        try (RawClient client = RawClient.connect(port, "/frames")) {
            client.sendFrame(false, 0x1, "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
            client.sendFrame(true, 0x0, "0123456789abcdef".getBytes(StandardCharsets.UTF_8));
            assertEquals("0123456789abcdef0123456789abcdef", new String(client.readFrame().payload(), StandardCharsets.UTF_8));
            client.sendFrame(true, 0x1, "0123456789abcdefX".getBytes(StandardCharsets.UTF_8));
            RawClient.Frame close = client.readFrame();
            assertEquals(0x8, close.opcode());
            assertEquals(1009, ((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF));
        }
    }

    @Test
    void aSessionCloseTimeoutDropsAPeerThatNeverAnswersOurClose() throws Exception {
        CompletableFuture<CloseReason> closed = new CompletableFuture<>();
        Opening endpoint = new Opening(s -> {
            ((BowlineSession) s).setCloseTimeout(100);
            try {
                s.close();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }) {
            @Override
            public void onClose(Session session, CloseReason reason) {
                closed.complete(reason);
            }
        };
        long defaultTimeout = org.bowline.container.session.SessionLimits.defaults().closeTimeoutMillis();
        int port = start(endpoint, "/close", null, null);
        try (RawClient client = RawClient.connect(port, "/close")) {
            assertEquals(0x8, client.readFrame().opcode());
            // The default would wait for our reply this long; the session's own timeout is far shorter.
            client.setTimeout((int) defaultTimeout / 2);
            assertTrue(client.awaitEof(), "the server dropped the connection before the default close timeout");
            assertEquals(1006, closed.get(5, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }

    @Test
    void theHandshakeRequestCarriesTheClientAddressAndTheTemplateVariables() throws Exception {
        CompletableFuture<ServerHandshakeRequest> seen = new CompletableFuture<>();
        int port = start(new EchoEndpoint(), "/rooms/{room}/{user}",
                new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        seen.complete((ServerHandshakeRequest) request);
                    }
                }, null);
        try (Socket socket = new Socket("127.0.0.1", port);
             RawClient client = RawClient.handshake(new RawClient(socket), port, "/rooms/blue/ann?room=q", "")) {
            ServerHandshakeRequest request = seen.get(5, TimeUnit.SECONDS);
            assertEquals(socket.getLocalSocketAddress(), request.remoteAddress());
            assertEquals(Map.of("room", "blue", "user", "ann"), request.pathParameters());
            assertEquals("[room, user]", request.pathParameters().keySet().toString(), "template order");
            assertEquals("GET", request.method());
            assertEquals(false, request.isSecure());
            assertTrue(client.responseHead().startsWith("HTTP/1.1 101"));
        }
    }

    @Test
    void plainHttpRequestsGetThePlainHandlersAnswerOnTheWebSocketPort() throws Exception {
        PlainHttpHandler pages = request -> switch (request.rawPath()) {
            case "/" -> PlainHttpResponse.text(200, "text/html", "<h1>hi</h1>");
            case "/boom" -> throw new IllegalStateException("boom");
            default -> null;
        };
        int port = start(new EchoEndpoint(), "/echo", null, pages);
        assertEquals("HTTP/1.1 200 OK|<h1>hi</h1>", plain(port, "GET / HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertEquals("HTTP/1.1 500 Internal Server Error|Internal server error",
                plain(port, "GET /boom HTTP/1.1\r\nHost: x\r\n\r\n"));
        assertTrue(plain(port, "GET /other HTTP/1.1\r\nHost: x\r\n\r\n").startsWith("HTTP/1.1 4"),
                "a request the handler leaves is refused as before");
        try (RawClient client = RawClient.connect(port, "/echo")) {
            client.sendText("and WebSockets still upgrade");
            assertEquals("and WebSockets still upgrade", new String(client.readFrame().payload(), StandardCharsets.UTF_8));
        }
    }

    /** The status line and the body, joined by '|'. */
    private static String plain(int port, String request) throws IOException {
        try (RawClient client = new RawClient(new Socket("127.0.0.1", port))) {
            client.send(request);
            String head = client.readHead();
            assertTrue(head.contains("Content-Length: "), head);
            return head.substring(0, head.indexOf("\r\n")) + "|" + client.readToEnd();
        }
    }
}
