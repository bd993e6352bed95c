package org.bowline.container.client;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Extension;

import org.bowline.container.extension.NegotiatedExtension;
import org.bowline.container.handshake.HandshakeFailedException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Servers that break the opening handshake (RFC 6455 4.1: "the client MUST Fail the WebSocket
 * Connection"): each attempt ends in a clear exception within its timeouts, and closing the container
 * afterwards leaves no thread behind.
 */
class ClientHandshakeFailureTest {

    private final BowlineClientContainer client = new BowlineClientContainer();
    private ScriptedServer server;

    @AfterEach
    void close() throws IOException {
        if (server != null) {
            server.close();
        }
        client.close();
        ClientThreads.assertNoneLeft(client);
    }

    private Exception failure(Function<String, String> script, ClientEndpointConfig config) throws IOException {
        server = new ScriptedServer(script);
        URI uri = URI.create("ws://localhost:" + server.port() + "/x");
        return assertThrows(Exception.class, () -> client.connectToServer(new RecordingClient(), config, uri));
    }

    private Exception failure(Function<String, String> script) throws IOException {
        return failure(script, ClientEndpointConfig.Builder.create().build());
    }

    /**
     * A server that answers, but not with a usable 101, is a DeploymentException (the Javadoc of
     * WebSocketContainer.connectToServer: "a protocol problem that prevented the client endpoint being
     * connected") whose cause says what was wrong.
     */
    private HandshakeFailedException rejected(Function<String, String> script, ClientEndpointConfig config)
            throws IOException {
        Exception e = failure(script, config);
        jakarta.websocket.DeploymentException d = assertInstanceOf(jakarta.websocket.DeploymentException.class, e);
        HandshakeFailedException h = assertInstanceOf(HandshakeFailedException.class, d.getCause());
        assertTrue(d.getMessage().contains("/x") && d.getMessage().contains(h.getMessage()), d.getMessage());
        return h;
    }

    private HandshakeFailedException rejected(Function<String, String> script) throws IOException {
        return rejected(script, ClientEndpointConfig.Builder.create().build());
    }

    @Test
    void aNon101AnswerIsADeploymentExceptionCarryingTheStatus() throws IOException {
        HandshakeFailedException h = rejected(request -> "HTTP/1.1 404 Not Found\r\nContent-Length: 0\r\n\r\n");
        assertEquals(404, h.status());
        assertTrue(h.getMessage().contains("404"), h.getMessage());
    }

    @Test
    void aWrongAcceptKeyFailsTheConnection() throws IOException {
        HandshakeFailedException e = rejected(request -> "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\nSec-WebSocket-Accept: dGhpcyBpcyB3cm9uZw==\r\n\r\n");
        assertTrue(e.getMessage().contains("Sec-WebSocket-Accept"), e.getMessage());
    }

    @Test
    void anExtensionThatWasNotOfferedFailsTheConnection() throws IOException {
        HandshakeFailedException e = rejected(request -> ScriptedServer.switching(request,
                "Sec-WebSocket-Extensions: permessage-deflate\r\n"));
        assertTrue(e.getMessage().contains("permessage-deflate") && e.getMessage().contains("not offered"),
                e.getMessage());
    }

    @Test
    void aDeflateResponseWeCannotUseFailsTheConnection() throws IOException {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create()
                .extensions(List.<Extension>of(new NegotiatedExtension("permessage-deflate", List.of()))).build();
        HandshakeFailedException e = rejected(request -> ScriptedServer.switching(request,
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=7\r\n"), config);
        assertTrue(e.getMessage().contains("permessage-deflate") && e.getMessage().contains("server_max_window_bits"),
                e.getMessage());
    }

    @Test
    void aRedirectIsNotFollowed() throws IOException {
        HandshakeFailedException e = rejected(request -> "HTTP/1.1 302 Found\r\nLocation: ws://elsewhere.example/x\r\n"
                + "Content-Length: 0\r\n\r\n");
        assertEquals(302, e.status());
        assertTrue(e.getMessage().contains("ws://elsewhere.example/x") && e.getMessage().contains("not followed"),
                e.getMessage());
    }

    @Test
    void aStalledHandshakeEndsAtTheHandshakeTimeout() throws IOException {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.HANDSHAKE_TIMEOUT, "300");
        long start = System.nanoTime();
        Exception e = failure(request -> null, config);
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        assertInstanceOf(SocketTimeoutException.class, e);
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
        assertTrue(tookMillis >= 250, "gave up after " + tookMillis + " ms, before the deadline");
    }

    @Test
    void theHandshakeDeadlineCoversTheTlsHandshake() throws IOException {
        server = new ScriptedServer(request -> null); // reads a ClientHello as if it were a head: never answers
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.HANDSHAKE_TIMEOUT, 300L);
        IOException e = assertThrows(IOException.class, () -> client.connectToServer(new RecordingClient(), config,
                URI.create("wss://localhost:" + server.port() + "/x")));
        assertInstanceOf(SocketTimeoutException.class, e);
        assertTrue(e.getMessage().contains("300 ms"), e.getMessage());
    }

    @Test
    void theCloseTimeoutPropertyBoundsTheWaitForAnUnansweredClose() throws Exception {
        server = new ScriptedServer(request -> ScriptedServer.switching(request, ""));
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().put(BowlineClientContainer.CLOSE_TIMEOUT, "200");
        RecordingClient endpoint = new RecordingClient();
        jakarta.websocket.Session session = client.connectToServer(endpoint, config,
                URI.create("ws://localhost:" + server.port() + "/x"));
        long start = System.nanoTime();
        session.close();
        endpoint.nextClose();
        long tookMillis = (System.nanoTime() - start) / 1_000_000;
        // The default is 5000 ms; ending well before it shows the property was applied.
        assertTrue(tookMillis < 2_500, "close took " + tookMillis + " ms");
        assertTrue(!session.isOpen());
    }

    @Test
    void aServerThatClosesWithoutAnsweringIsReported() throws IOException {
        Exception e = failure(request -> "");
        assertInstanceOf(IOException.class, e);
        assertTrue(!(e instanceof SocketTimeoutException) && e.getMessage().contains("closed by server"),
                e.getMessage());
    }

    @Test
    void aRefusedConnectionNamesTheAddress() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        IOException e = assertThrows(IOException.class, () -> client.connectToServer(new RecordingClient(),
                ClientEndpointConfig.Builder.create().build(), URI.create("ws://127.0.0.1:" + port + "/x")));
        assertInstanceOf(ConnectException.class, e);
        assertTrue(e.getMessage().contains(String.valueOf(port)), e.getMessage());
    }

    @Test
    void badPropertyValuesAreDeploymentErrors() {
        ClientEndpointConfig config = ClientEndpointConfig.Builder.create().build();
        config.getUserProperties().putAll(Map.of(BowlineClientContainer.CONNECT_TIMEOUT, "soon"));
        jakarta.websocket.DeploymentException e = assertThrows(jakarta.websocket.DeploymentException.class,
                () -> client.connectToServer(new RecordingClient(), config, URI.create("ws://localhost:1/x")));
        assertTrue(e.getMessage().contains(BowlineClientContainer.CONNECT_TIMEOUT), e.getMessage());
    }
}
