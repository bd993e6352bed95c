package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.CloseReason;
import jakarta.websocket.ContainerProvider;
import jakarta.websocket.DeploymentException;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Extension;
import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.Session;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.server.BowlineServer;
import org.bowline.container.server.EchoEndpoint;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The client container against Bowline's own server over real sockets (RFC 6455 4.1, 4.2.2; RFC 7692). */
class ClientEndToEndTest {

    static final BlockingQueue<Map<String, List<String>>> SERVER_SAW = new LinkedBlockingQueue<>();

    /** Records every upgrade request's headers and adds a header to the 101. */
    public static class Capture extends ServerEndpointConfig.Configurator {
        @Override
        public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request, HandshakeResponse response) {
            SERVER_SAW.add(request.getHeaders());
            response.getHeaders().put("X-Server", List.of("hello client"));
        }
    }

    /** Closes the session with 4001 when told to. */
    public static class Closer extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.getCloseCode(4001), text));
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        }
    }

    /** Raises its binary limit in onOpen, which waits until the test has sent a message above the default. */
    public static class RaisesLimitInOnOpen extends Endpoint {
        static final java.util.concurrent.CountDownLatch SENT = new java.util.concurrent.CountDownLatch(1);

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            try {
                SENT.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            session.setMaxBinaryMessageBufferSize(4 << 20);
            session.addMessageHandler(ByteBuffer.class, data -> session.getAsyncRemote().sendText("got " + data.remaining()));
        }
    }

    private static BowlineServer server;
    private BowlineClientContainer client;

    @BeforeAll
    static void startServer() throws Exception {
        server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo")
                .configurator(new Capture()).subprotocols(List.of("chat.v2", "chat.v1")).build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Closer.class, "/closer").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(RaisesLimitInOnOpen.class, "/raises").build());
        server.start();
    }

    @AfterAll
    static void stopServer() {
        server.stop();
    }

    @BeforeEach
    void newClient() {
        client = new BowlineClientContainer();
        SERVER_SAW.clear();
    }

    @AfterEach
    void closeClient() {
        client.close();
        ClientThreads.assertNoneLeft(client);
    }

    private URI uri(String path) {
        return URI.create("ws://localhost:" + server.port() + path);
    }

    private Map<String, List<String>> serverSaw() throws InterruptedException {
        Map<String, List<String>> headers = SERVER_SAW.poll(10, TimeUnit.SECONDS);
        assertNotNull(headers, "the server saw no handshake");
        return headers;
    }

    @Test
    void echoesTextAndBinaryOverTheUpgradedConnection() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                uri("/echo?room=a"));
        assertTrue(session.isOpen());
        assertEquals(uri("/echo?room=a"), session.getRequestURI());
        assertEquals(List.of("a"), session.getRequestParameterMap().get("room"));
        session.getBasicRemote().sendText("hello");
        assertEquals("hello", endpoint.next());
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertArrayEquals(new byte[] {1, 2, 3}, (byte[]) endpoint.next());
        session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
        assertEquals(1000, endpoint.nextClose().getCloseCode().getCode());
        assertTrue(endpoint.errors.isEmpty(), endpoint.errors.toString());
    }

    /** A limit set in onOpen judges the first frames too, even those that arrived before onOpen returned. */
    @Test
    void aLimitRaisedInOnOpenAppliesToAMessageSentBeforeOnOpenReturned() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri("/raises"));
        int size = 2 << 20;   // above the 1 MiB default
        session.getAsyncRemote().sendBinary(ByteBuffer.allocate(size)).get(10, TimeUnit.SECONDS);
        RaisesLimitInOnOpen.SENT.countDown();
        assertEquals("got " + size, endpoint.next(), "closes: " + endpoint.closes);
        session.close();
    }

    /** The TCK's sendTimeoutOnClientTest: a 5 ms send timeout on the async remote, and an async send from onOpen. */
    @Test
    void anAsyncSendFromOnOpenWithAShortSendTimeoutIsEchoed() throws Exception {
        for (int i = 0; i < 20; i++) {
            RecordingClient endpoint = new RecordingClient() {
                @Override
                public void onOpen(Session session, EndpointConfig config) {
                    super.onOpen(session, config);
                    session.getAsyncRemote().setSendTimeout(5);
                    session.getAsyncRemote().sendText("echo " + session.getId());
                }
            };
            Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri("/echo"));
            assertEquals("echo " + session.getId(), endpoint.next());
            assertTrue(session.isOpen(), "the send timed out: " + endpoint.closes + " " + endpoint.errors);
            session.close();
        }
    }

    @Test
    void aCloseFromTheServerReachesTheClientWithItsCode() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(),
                uri("/closer"));
        session.getBasicRemote().sendText("bye now");
        CloseReason reason = endpoint.nextClose();
        assertEquals(4001, reason.getCloseCode().getCode());
        assertEquals("bye now", reason.getReasonPhrase());
    }

    @Test
    void theEndpointClassIsInstantiated() throws Exception {
        Session session = client.connectToServer(RecordingClient.class, ClientEndpointConfig.Builder.create().build(),
                uri("/echo"));
        assertTrue(session.isOpen());
        session.close();
    }

    @Test
    void subprotocolsAreOfferedInPreferenceOrderAndTheServersChoiceIsKept() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .preferredSubprotocols(List.of("chat.v1", "chat.v2")).build();
        Session session = client.connectToServer(new RecordingClient(), config, uri("/echo"));
        assertEquals(List.of("chat.v1, chat.v2"), serverSaw().get("Sec-WebSocket-Protocol"));
        assertTrue(List.of("chat.v1", "chat.v2").contains(session.getNegotiatedSubprotocol()));
        session.close();
    }

    @Test
    void beforeRequestHeadersReachTheServerAndAfterResponseSeesThe101() throws Exception {
        BlockingQueue<Map<String, List<String>>> responses = new LinkedBlockingQueue<>();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .configurator(new ClientEndpointConfig.Configurator() {
                    @Override
                    public void beforeRequest(Map<String, List<String>> headers) {
                        assertNotNull(headers.get("Sec-WebSocket-Key"), "the map holds the request as it stands");
                        headers.put("X-Token", List.of("secret"));
                    }

                    @Override
                    public void afterResponse(HandshakeResponse hr) {
                        responses.add(hr.getHeaders());
                    }
                }).build();
        Session session = client.connectToServer(new RecordingClient(), config, uri("/echo"));
        assertEquals(List.of("secret"), serverSaw().get("X-Token"));
        Map<String, List<String>> response = responses.poll(5, TimeUnit.SECONDS);
        assertNotNull(response);
        assertEquals(List.of("hello client"), response.get("x-server"));
        assertNotNull(response.get(HandshakeResponse.SEC_WEBSOCKET_ACCEPT));
        session.close();
    }

    @Test
    void permessageDeflateIsOfferedOnlyWhenRequestedAndThenUsed() throws Exception {
        RecordingClient plain = new RecordingClient();
        Session without = client.connectToServer(plain, ClientEndpointConfig.Builder.create().build(), uri("/echo"));
        assertEquals(null, serverSaw().get("Sec-WebSocket-Extensions"));
        assertTrue(without.getNegotiatedExtensions().isEmpty());
        without.close();

        RecordingClient compressed = new RecordingClient();
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .extensions(List.<Extension>of(new NegotiatedExtension("permessage-deflate", List.of()))).build();
        Session with = client.connectToServer(compressed, config, uri("/echo"));
        String offer = String.join(",", serverSaw().get("Sec-WebSocket-Extensions"));
        assertTrue(offer.startsWith("permessage-deflate"), offer);
        assertEquals(List.of("permessage-deflate"),
                with.getNegotiatedExtensions().stream().map(Extension::getName).toList());
        String text = "compress me ".repeat(1000);
        with.getBasicRemote().sendText(text);
        assertEquals(text, compressed.next());
        with.getBasicRemote().sendText(text);
        assertEquals(text, compressed.next(), "context takeover across messages");
        with.close();
    }

    @Test
    void theContainerWideSettingOffersDeflateForEveryConnection() throws Exception {
        client.setPermessageDeflateOffered(true);
        Session session = client.connectToServer(new RecordingClient(), ClientEndpointConfig.Builder.create().build(),
                uri("/echo"));
        assertTrue(String.join(",", serverSaw().get("Sec-WebSocket-Extensions")).startsWith("permessage-deflate"));
        assertEquals(1, session.getNegotiatedExtensions().size());
        session.close();
    }

    @Test
    void anUnknownRequestedExtensionIsSentAsItIs() throws Exception {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .extensions(List.<Extension>of(new NegotiatedExtension("x-custom",
                        List.of(new NegotiatedExtension.Param("level", "3"))))).build();
        Session session = client.connectToServer(new RecordingClient(), config, uri("/echo"));
        assertEquals(List.of("x-custom; level=3"), serverSaw().get("Sec-WebSocket-Extensions"));
        assertTrue(session.getNegotiatedExtensions().isEmpty(), "the server declined it");
        session.close();
    }

    @Test
    void theContainerProviderReturnsBowline() {
        assertInstanceOf(BowlineClientContainer.class, ContainerProvider.getWebSocketContainer());
    }

    @Test
    void classesThatAreNeitherEndpointsNorClientEndpointsAreRefusedByName() {
        DeploymentException e = assertThrows(DeploymentException.class,
                () -> client.connectToServer(new Object(), uri("/echo")));
        assertTrue(e.getMessage().contains("java.lang.Object") && e.getMessage().contains("@ClientEndpoint"),
                e.getMessage());
        DeploymentException c = assertThrows(DeploymentException.class,
                () -> client.connectToServer(String.class, uri("/echo")));
        assertTrue(c.getMessage().contains("java.lang.String") && c.getMessage().contains("@ClientEndpoint"),
                c.getMessage());
    }

    @Test
    void onlyWsAndWssSchemesAreAccepted() {
        DeploymentException e = assertThrows(DeploymentException.class, () -> client.connectToServer(
                new RecordingClient(), ClientEndpointConfig.Builder.create().build(),
                URI.create("http://localhost:" + server.port() + "/echo")));
        assertTrue(e.getMessage().contains("'http'"), e.getMessage());
    }

    @Test
    void closingTheContainerClosesItsSessionsAndStopsItsThreads() throws Exception {
        RecordingClient endpoint = new RecordingClient();
        Session session = client.connectToServer(endpoint, ClientEndpointConfig.Builder.create().build(), uri("/echo"));
        client.close();
        assertNotNull(endpoint.nextClose());
        assertFalse(session.isOpen());
        ClientThreads.assertNoneLeft(client);
        assertThrows(IOException.class, () -> client.connectToServer(new RecordingClient(),
                ClientEndpointConfig.Builder.create().build(), uri("/echo")));
    }
}
