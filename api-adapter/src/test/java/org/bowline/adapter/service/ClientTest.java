package org.bowline.adapter.service;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The synchronous {@link Client} against a real Bowline server over real sockets. */
class ClientTest {

    private PeerServer server;

    @BeforeEach
    void start() throws IOException {
        server = new PeerServer();
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void writesAndReadsTextAndBinary() {
        try (Client client = new Client(server.url("/echo"))) {
            client.writeTextMessage("Hello!");
            assertEquals("Echo: Hello!", client.readTextMessage());
            client.writeBinaryMessage(new byte[] {1, 2, 3});
            assertArrayEquals(new byte[] {1, 2, 3}, client.readBinaryMessage());
            client.writeTextMessage("again");
            assertEquals("Echo: again", client.readMessage());
            assertTrue(client.isOpen());
        }
    }

    @Test
    void aReadThatTimesOutSaysSoAndTheClientStaysUsable() {
        ClientConfiguration config = ClientConfiguration.builder().readTimeout(Duration.ofMillis(200)).build();
        String url = server.url("/echo");
        try (Client client = new Client(url, config)) {
            ReadTimedOutError e = assertThrows(ReadTimedOutError.class, client::readTextMessage);
            assertTrue(e.getMessage().contains(url), e.getMessage());
            assertTrue(e.getMessage().contains("200 ms"), e.getMessage());
            client.writeTextMessage("still there?");
            assertEquals("Echo: still there?", readPatiently(client));
        }
    }

    /** Reads through read timeouts (a loaded machine may take longer than 200 ms to echo), for up to 10 s. */
    private static String readPatiently(Client client) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(PeerServer.WAIT_SECONDS);
        while (true) {
            try {
                return client.readTextMessage();
            } catch (ReadTimedOutError e) {
                if (System.nanoTime() > deadline) {
                    throw e;
                }
            }
        }
    }

    @Test
    void theHandshakeCarriesHeadersCookiesAndSubprotocolsAndItsAnswerIsKept() {
        ClientConfiguration config = ClientConfiguration.builder()
                .subProtocols("mqtt", "json")
                .header("X-Test", "yes")
                .cookie("session", "abc123")
                .cookie("theme", "dark")
                .build();
        try (Client client = new Client(server.url("/handshake"), config)) {
            assertEquals("cookie=[session=abc123; theme=dark] x-test=[yes] subprotocol=json", client.readTextMessage());
            assertEquals("json", client.getNegotiatedSubProtocol());
            assertEquals(List.of("peer-server"), client.getResponseHeaders().get("x-served-by"));
        }
    }

    @Test
    void aReadOfTheWrongKindNamesItAndLeavesTheMessageQueued() {
        try (Client client = new Client(server.url("/echo"))) {
            client.writeTextMessage("text");
            WebSocketError e = assertThrows(WebSocketError.class, client::readBinaryMessage);
            assertTrue(e.getMessage().contains("is text, not binary"), e.getMessage());
            assertEquals("Echo: text", client.readTextMessage());
        }
    }

    @Test
    void theServersCloseEndsReadsAfterTheQueuedMessagesAndWritesFailWithItsCode() throws Exception {
        String url = server.url("/echo");
        Client client = new Client(url);
        client.writeTextMessage("send 2 m");
        client.writeTextMessage("close 1001 going home");
        // the client answered the close although nobody reads: the server's onClose has its own code
        assertEquals(1001, server.nextClose().getCloseCode().getCode());
        assertEquals("m 1", client.readTextMessage());
        assertEquals("m 2", client.readTextMessage());
        ConnectionClosureError e = assertThrows(ConnectionClosureError.class, client::readTextMessage);
        assertEquals(1001, e.statusCode());
        assertEquals("going home", e.reason());
        ConnectionClosureError w = assertThrows(ConnectionClosureError.class, () -> client.writeTextMessage("x"));
        assertEquals(1001, w.statusCode());
        assertTrue(w.getMessage().contains(url) && w.getMessage().contains("1001"), w.getMessage());
        assertFalse(client.isOpen());
    }

    @Test
    void writingToAClosedClientThrowsTheCodeItClosedWith() throws Exception {
        Client client = new Client(server.url("/echo"));
        assertTrue(client.close(4000, "done", Duration.ofSeconds(5)), "the server answered the close");
        assertEquals(4000, server.nextClose().getCloseCode().getCode());
        ConnectionClosureError e = assertThrows(ConnectionClosureError.class, () -> client.writeTextMessage("late"));
        assertEquals(4000, e.statusCode());
    }

    @Test
    void pingsAreAnsweredWhileNobodyReadsEvenWithTheInboxFull() throws Exception {
        ClientConfiguration config = ClientConfiguration.builder().maxQueuedMessages(4).build();
        try (Client client = new Client(server.url("/echo"), config)) {
            client.writeTextMessage("send 100 m");
            client.writeTextMessage("ping p1");
            assertEquals("p1", server.nextPong());
            for (int i = 1; i <= 100; i++) {
                assertEquals("m " + i, client.readTextMessage());
            }
        }
    }

    @Test
    void thePingPongServiceHearsControlFrames() throws Exception {
        BlockingQueue<String> heard = new LinkedBlockingQueue<>();
        Service callbacks = new Service() {
            @Override
            public void onPong(Caller caller, byte[] data) {
                heard.add("pong " + new String(data, StandardCharsets.UTF_8));
            }
        };
        ClientConfiguration config = ClientConfiguration.builder().pingPongService(callbacks).build();
        try (Client client = new Client(server.url("/echo"), config)) {
            client.ping("hi".getBytes(StandardCharsets.UTF_8));
            assertEquals("pong hi", heard.poll(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS));
            client.writeTextMessage("ping p2");
            assertEquals("p2", server.nextPong(), "the container answered: the service does not override onPing");
        }
    }

    @Test
    void aPingPongServiceThatOverridesOnPingAnswersItself() throws Exception {
        Service callbacks = new Service() {
            @Override
            public void onPing(Caller caller, byte[] data) {
                caller.pong(("re: " + new String(data, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8));
            }
        };
        ClientConfiguration config = ClientConfiguration.builder().pingPongService(callbacks).build();
        try (Client client = new Client(server.url("/echo"), config)) {
            client.writeTextMessage("ping p3");
            assertEquals("re: p3", server.nextPong());
            client.writeTextMessage("after");
            assertEquals("Echo: after", client.readTextMessage());
            assertNull(server.pongs.poll(), "the container sent no pong of its own");
        }
    }

    @Test
    void aMessageOverTheMaxFrameSizeClosesWith1009() throws Exception {
        ClientConfiguration config = ClientConfiguration.builder().maxFrameSize(1000).build();
        try (Client client = new Client(server.url("/echo"), config)) {
            client.writeTextMessage("big 1000");
            assertEquals(1000, client.readTextMessage().length());
            client.writeTextMessage("big 1001");
            PayloadTooLargeError e = assertThrows(PayloadTooLargeError.class, client::readTextMessage);
            assertEquals(1009, e.statusCode());
            assertEquals(1009, server.nextClose().getCloseCode().getCode());
        }
    }

    @Test
    void largeWritesToAnEchoReturnWhileTheApplicationReadsNothing() throws Exception {
        // Sent whole, each 512 KiB message held the client's reading while the echo held the server's:
        // about one run in three, both sides stopped reading and the writes hung.
        ClientConfiguration config = ClientConfiguration.builder().compression(false).maxFrameSize(1 << 20).build();
        try (Client client = new Client(server.url("/echo"), config)) {
            int count = 64;
            CompletableFuture<Void> writes = CompletableFuture.runAsync(() -> {
                for (int i = 0; i < count; i++) {
                    byte[] message = new byte[512 * 1024];
                    message[0] = (byte) i;
                    message[message.length - 1] = (byte) i;
                    client.writeBinaryMessage(message);
                }
            });
            writes.get(PeerServer.WAIT_SECONDS, TimeUnit.SECONDS);
            for (int i = 0; i < count; i++) {
                byte[] echo = client.readBinaryMessage();
                assertEquals(512 * 1024, echo.length);
                assertEquals((byte) i, echo[0]);
                assertEquals((byte) i, echo[echo.length - 1]);
            }
        }
    }

    @Test
    void aWriteThatThePeerDoesNotTakeWithinTheWriteTimeoutFails() throws Exception {
        try (SilentPeer peer = new SilentPeer()) {
            ClientConfiguration config = ClientConfiguration.builder().writeTimeout(Duration.ofMillis(500))
                    .compression(false).build();
            Client client = new Client(peer.url(), config);
            byte[] megabyte = new byte[1 << 20];
            // the socket buffers fill first; then a write (a part of one: they go in 64 KiB frames) waits
            WriteTimedOutError e = assertThrows(WriteTimedOutError.class, () -> {
                for (int i = 0; i < 256; i++) {
                    client.writeBinaryMessage(megabyte);
                }
            });
            assertTrue(e.getMessage().contains(peer.url()) && e.getMessage().contains("500 ms"), e.getMessage());
            assertFalse(client.close(1000, "", Duration.ofMillis(50)), "the silent peer never answers the close");
        }
    }

    @Test
    void aRefusedConnectNamesTheUrl() throws IOException {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        String url = "ws://127.0.0.1:" + port + "/echo";
        ConnectError e = assertThrows(ConnectError.class, () -> new Client(url));
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void aRefusedUpgradeCarriesTheHttpStatus() {
        String url = server.url("/nowhere");
        HandshakeError e = assertThrows(HandshakeError.class, () -> new Client(url));
        assertEquals(404, e.status());
        assertTrue(e.getMessage().contains(url), e.getMessage());
    }

    @Test
    void aServerThatNeverAnswersTheUpgradeTimesOut() throws Exception {
        try (ServerSocket silent = new ServerSocket(0)) {
            Thread acceptor = new Thread(() -> {
                try (Socket s = silent.accept()) {
                    s.getInputStream().transferTo(java.io.OutputStream.nullOutputStream());
                } catch (IOException ignored) {
                    // the test is over
                }
            });
            acceptor.setDaemon(true);
            acceptor.start();
            String url = "ws://127.0.0.1:" + silent.getLocalPort() + "/ws";
            ClientConfiguration config = ClientConfiguration.builder().handshakeTimeout(Duration.ofMillis(300)).build();
            HandshakeTimedOutError e = assertThrows(HandshakeTimedOutError.class, () -> new Client(url, config));
            assertTrue(e.getMessage().contains(url) && e.getMessage().contains("300 ms"), e.getMessage());
        }
    }

    @Test
    void aUrlThatIsNotWebSocketIsRefusedAtOnce() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Client("http://127.0.0.1/echo"));
        assertTrue(e.getMessage().contains("http://127.0.0.1/echo"), e.getMessage());
    }

    @Test
    void compressionCanBeTurnedOff() {
        ClientConfiguration off = ClientConfiguration.builder().compression(false).build();
        try (Client client = new Client(server.url("/echo"), off)) {
            assertNull(client.getResponseHeaders().get("Sec-WebSocket-Extensions"));
            client.writeTextMessage("plain");
            assertEquals("Echo: plain", client.readTextMessage());
        }
        try (Client client = new Client(server.url("/echo"))) {
            List<String> extensions = client.getResponseHeaders().get("Sec-WebSocket-Extensions");
            assertNotNull(extensions);
            assertTrue(extensions.get(0).contains("permessage-deflate"), extensions.toString());
        }
    }
}
