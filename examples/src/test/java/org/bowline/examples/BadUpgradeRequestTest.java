package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * RFC 6455 section 4.2.1: an opening handshake missing a required header is answered with an
 * HTTP error (400) rather than an upgrade, and refusing one client leaves the server serving others.
 */
class BadUpgradeRequestTest {

    private DemoServer server;

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void upgradeWithoutSecWebSocketKeyIsAnswered400AndTheServerStillEchoesOnANewConnection() throws Exception {
        try (RawWebSocket bad = RawWebSocket.connect(server.address())) {
            String head = bad.exchangeHead(RawWebSocket.upgradeRequest(server.address(), DemoServer.ECHO_PATH, null));
            assertTrue(head.startsWith("HTTP/1.1 400 "), head);
            // Refused means closed: no upgrade, and nothing but the error body follows.
            bad.readToEnd();
        }

        String key = RawWebSocket.newKey();
        try (RawWebSocket good = RawWebSocket.connect(server.address())) {
            String head = good.exchangeHead(RawWebSocket.upgradeRequest(server.address(), DemoServer.ECHO_PATH, key));
            assertTrue(head.startsWith("HTTP/1.1 101 "), head);
            assertTrue(head.contains("\r\nSec-WebSocket-Accept: " + RawWebSocket.acceptFor(key)), head);

            good.sendFrame(0x1, "still here ✓".getBytes(StandardCharsets.UTF_8));
            RawWebSocket.Frame text = good.readFrame();
            assertEquals(0x1, text.opcode());
            assertTrue(text.fin());
            assertEquals("still here ✓", text.text());

            byte[] bytes = {0, 1, 2, (byte) 0xFF};
            good.sendFrame(0x2, bytes);
            RawWebSocket.Frame binary = good.readFrame();
            assertEquals(0x2, binary.opcode());
            assertArrayEquals(bytes, binary.payload());
        }
    }
}
