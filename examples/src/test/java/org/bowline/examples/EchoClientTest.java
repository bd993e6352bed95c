package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Extension;
import jakarta.websocket.RemoteEndpoint;
import jakarta.websocket.Session;

import org.junit.jupiter.api.Test;

/**
 * {@link EchoClient} in this JVM against a Bowline server that drives it (RFC 6455 sections 5.4 and
 * 5.6: whole and fragmented text and binary messages come back as they went, of the same type; RFC
 * 7692: permessage-deflate is offered with client_max_window_bits and used) and against a raw server
 * for the ways a connection can end (sections 5.5.1, 7.1.5, 7.1.7, 7.4.1).
 */
class EchoClientTest {

    private static final Random RANDOM = new Random(6455);

    /** Runs the client on a thread of its own; the future holds how the connection ended. */
    static CompletableFuture<CloseReason> runClient(URI url) {
        CompletableFuture<CloseReason> result = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                result.complete(EchoClient.run(url));
            } catch (Throwable t) {
                result.completeExceptionally(t);
            }
        }, "echo-client-under-test");
        thread.setDaemon(true);
        thread.start();
        return result;
    }

    /** UTF-8 text of exactly {@code bytes} bytes mixing 1- to 4-byte characters. */
    static String text(int bytes) {
        String unit = "Bowline échoes ✓ 😀 RFC 6455/7692 ";
        StringBuilder s = new StringBuilder(bytes);
        int length = 0;
        int unitBytes = unit.getBytes(StandardCharsets.UTF_8).length;
        while (length + unitBytes <= bytes) {
            s.append(unit);
            length += unitBytes;
        }
        s.append("x".repeat(bytes - length));
        return s.toString();
    }

    static byte[] random(int bytes) {
        byte[] data = new byte[bytes];
        RANDOM.nextBytes(data);
        return data;
    }

    @Test
    void echoesWholeFragmentedAndLargeMessagesAsTheyCameUntilTheServerClosesThenReturnsItsCloseReason()
            throws Exception {
        try (DrivingServer server = DrivingServer.start()) {
            CompletableFuture<CloseReason> client = runClient(server.url());
            Session session = server.session();

            List<String> offer = server.requestHeader("Sec-WebSocket-Extensions");
            assertNotNull(offer, "the client offered no extension");
            String offered = String.join(", ", offer);
            assertTrue(offered.contains("permessage-deflate") && offered.contains("client_max_window_bits"), offered);
            assertEquals(List.of("permessage-deflate"),
                    session.getNegotiatedExtensions().stream().map(Extension::getName).toList());

            RemoteEndpoint.Basic remote = session.getBasicRemote();
            remote.sendText("hello ✓");
            assertEquals("hello ✓", server.next());
            remote.sendText("");
            assertEquals("", server.next());
            byte[] small = {0, 1, 2, (byte) 0xFF};
            remote.sendBinary(ByteBuffer.wrap(small));
            assertArrayEquals(small, assertInstanceOf(byte[].class, server.next()));
            remote.sendBinary(ByteBuffer.allocate(0));
            assertArrayEquals(new byte[0], assertInstanceOf(byte[].class, server.next()));

            // Fragmented: the client answers with one message holding every fragment, in order.
            remote.sendText("frag", false);
            remote.sendText("mented ✓ ", false);
            remote.sendPing(ByteBuffer.wrap("between".getBytes(StandardCharsets.UTF_8)));
            remote.sendText("text", true);
            Object pong = server.next();
            assertArrayEquals("between".getBytes(StandardCharsets.UTF_8),
                    assertInstanceOf(DrivingServer.Pong.class, pong).payload(), "the pong comes before the echo");
            assertEquals("fragmented ✓ text", server.next());
            byte[] fragmented = random(200_000);
            remote.sendBinary(ByteBuffer.wrap(fragmented, 0, 1), false);
            remote.sendBinary(ByteBuffer.wrap(fragmented, 1, 70_000), false);
            remote.sendBinary(ByteBuffer.wrap(fragmented, 70_001, fragmented.length - 70_001), true);
            assertArrayEquals(fragmented, assertInstanceOf(byte[].class, server.next()));

            String bigText = text(16 << 20);
            remote.sendText(bigText);
            assertEquals(bigText, server.next());
            byte[] bigBinary = random(16 << 20);
            remote.sendBinary(ByteBuffer.wrap(bigBinary));
            assertArrayEquals(bigBinary, assertInstanceOf(byte[].class, server.next()));
            // Random, so the deflated frame is a little larger than the 64 MiB message itself.
            byte[] atLimit = random(EchoClient.MAX_MESSAGE_BYTES);
            remote.sendBinary(ByteBuffer.wrap(atLimit));
            assertArrayEquals(atLimit, assertInstanceOf(byte[].class, server.next()));

            session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "done"));
            CloseReason closed = client.get(60, TimeUnit.SECONDS);
            assertEquals(1000, closed.getCloseCode().getCode());
            assertEquals("done", closed.getReasonPhrase());
        }
    }

    @Test
    void frameAnnouncedBeyondTheLimitFailsTheConnectionWith1009AndTheClientReturns() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            CompletableFuture<CloseReason> client = runClient(server.url("/limit"));
            try (RawWebSocketServer.Peer peer = server.accept()) {
                peer.switchProtocols();
                // Past the limit and past deflate's slack; the client must refuse it from the header alone.
                peer.sendHeaderOnly(0x2, (64L << 20) + (64L << 10) + 1);
                RawWebSocket.Frame close = peer.readFrame();
                assertEquals(0x8, close.opcode());
                assertEquals(1009, closeCode(close));
                assertEquals(1009, client.get(60, TimeUnit.SECONDS).getCloseCode().getCode());
            }
        }
    }

    @Test
    void tcpClosedWithoutCloseFrameEndsTheClientWith1006() throws Exception {
        try (RawWebSocketServer server = new RawWebSocketServer()) {
            CompletableFuture<CloseReason> client = runClient(server.url("/drop"));
            try (RawWebSocketServer.Peer peer = server.accept()) {
                peer.switchProtocols();
                peer.sendFrame(true, 0, 0x1, "bye".getBytes(StandardCharsets.UTF_8));
                assertEquals("bye", peer.readFrame().text());
            }
            assertEquals(1006, client.get(60, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }

    @Test
    void refusedConnectionIsAnIOExceptionNamingTheUrl() throws Exception {
        URI url;
        try (RawWebSocketServer closed = new RawWebSocketServer()) {
            url = closed.url("/nobody");
        }
        CompletionException e = assertThrows(CompletionException.class,
                () -> runClient(url).join());
        assertInstanceOf(IOException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(url.toString()), e.getCause().getMessage());
    }

    static int closeCode(RawWebSocket.Frame close) {
        assertTrue(close.payload().length >= 2, "close frame without a code");
        return ((close.payload()[0] & 0xFF) << 8) | (close.payload()[1] & 0xFF);
    }
}
