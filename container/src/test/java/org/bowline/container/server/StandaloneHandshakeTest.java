package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;

import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The standalone server's side of the RFC 6455 section 4.2 opening handshake. */
class StandaloneHandshakeTest {

    private static BowlineServer server;

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0).handshakeTimeoutMillis(1000).maxHandshakeHeadBytes(4096).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static String request(String raw) throws IOException {
        try (RawClient c = new RawClient(server.port())) {
            c.send(raw);
            return c.readHead();
        }
    }

    private static String upgrade(String path, String headers) {
        return "GET " + path + " HTTP/1.1\r\n" + headers + "\r\n";
    }

    private static final String HOST = "Host: localhost\r\n";
    private static final String UPGRADE = "Upgrade: websocket\r\nConnection: Upgrade\r\n";
    private static final String KEY = "Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n";
    private static final String V13 = "Sec-WebSocket-Version: 13\r\n";

    @Test
    void ephemeralPortIsReported() {
        assertTrue(server.port() > 0);
    }

    @Test
    void validUpgradeGets101WithTheRfcAcceptValue() throws IOException {
        String head = request(upgrade("/echo", HOST + UPGRADE + KEY + V13));
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
        assertTrue(head.contains("Sec-WebSocket-Accept: s3pPLMBiTxaQ9kYGzzhZRbK+xOo="), head);
    }

    @Test
    void connectionHeaderIsACaseInsensitiveTokenList() throws IOException {
        String head = request(upgrade("/echo", HOST + "Upgrade: WebSocket\r\nConnection: keep-alive, UPGRADE\r\n" + KEY + V13));
        assertTrue(head.startsWith("HTTP/1.1 101"), head);
    }

    @Test
    void missingVersionGets426NamingVersion13() throws IOException {
        String head = request(upgrade("/echo", HOST + UPGRADE + KEY));
        assertTrue(head.startsWith("HTTP/1.1 426"), head);
        assertTrue(head.contains("Sec-WebSocket-Version: 13"), head);
    }

    @Test
    void otherVersionGets426() throws IOException {
        String head = request(upgrade("/echo", HOST + UPGRADE + KEY + "Sec-WebSocket-Version: 8\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 426"), head);
    }

    @Test
    void keyThatIsNotSixteenBytesGets400() throws IOException {
        String head = request(upgrade("/echo", HOST + UPGRADE + "Sec-WebSocket-Key: c2hvcnQ=\r\n" + V13));
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
    }

    @Test
    void missingHostGets400() throws IOException {
        String head = request(upgrade("/echo", UPGRADE + KEY + V13));
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
    }

    @Test
    void connectionWithoutUpgradeTokenGets400() throws IOException {
        String head = request(upgrade("/echo", HOST + "Upgrade: websocket\r\nConnection: keep-alive\r\n" + KEY + V13));
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
    }

    @Test
    void unknownPathGets404() throws IOException {
        String head = request(upgrade("/nowhere", HOST + UPGRADE + KEY + V13));
        assertTrue(head.startsWith("HTTP/1.1 404"), head);
    }

    @Test
    void oversizedHeadGets431() throws IOException {
        String head = request(upgrade("/echo", HOST + UPGRADE + KEY + V13 + "X-Big: " + "a".repeat(5000) + "\r\n"));
        assertTrue(head.startsWith("HTTP/1.1 431"), head);
    }

    @Test
    void garbageRequestLineGets400() throws IOException {
        String head = request("\u0001\u0002 garbage\r\n\r\n");
        assertTrue(head.startsWith("HTTP/1.1 400"), head);
    }

    @Test
    void aClientTricklingOneByteAtATimeIsCutOffAtTheHandshakeDeadline() throws Exception {
        String raw = upgrade("/echo", HOST + UPGRADE + KEY + V13);
        try (RawClient c = new RawClient(server.port())) {
            long start = System.nanoTime();
            boolean cut = false;
            for (int i = 0; i < raw.length(); i++) {
                try {
                    c.send(raw.substring(i, i + 1));
                } catch (IOException e) {
                    cut = true;
                    break;
                }
                Thread.sleep(100);
                if (c.input().available() == 0 && System.nanoTime() - start > 3_000_000_000L) {
                    break;
                }
            }
            c.setTimeout(3000);
            // Each byte arrived well before any per-read timeout; only a total deadline stops it.
            assertTrue(cut || c.awaitEof(), "connection still open after the 1 s handshake deadline");
            assertTrue(System.nanoTime() - start < 6_000_000_000L);
        }
    }

    @Test
    void aBadRequestDoesNotDisturbAnotherSession() throws Exception {
        try (RawClient good = RawClient.connect(server.port(), "/echo")) {
            assertTrue(request("NOT HTTP AT ALL\r\n\r\n").startsWith("HTTP/1.1 400"));
            good.sendText("still here");
            RawClient.Frame echo = good.readFrame();
            assertEquals("still here", echo.text());
        }
    }

    @Test
    void framesPipelinedRightBehindTheRequestAreRead() throws Exception {
        try (RawClient c = new RawClient(server.port())) {
            byte[] req = upgrade("/echo", HOST + UPGRADE + KEY + V13).getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
            byte[] frame = RawClient.frame(true, 0, 1, "early".getBytes(java.nio.charset.StandardCharsets.UTF_8));
            byte[] both = new byte[req.length + frame.length];
            System.arraycopy(req, 0, both, 0, req.length);
            System.arraycopy(frame, 0, both, req.length, frame.length);
            c.send(both);
            assertTrue(c.readHead().startsWith("HTTP/1.1 101"));
            assertEquals("early", c.readFrame().text());
        }
    }
}
