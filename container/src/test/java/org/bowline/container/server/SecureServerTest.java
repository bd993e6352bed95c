package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.Random;

import javax.net.ssl.SSLSocket;

import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.io.TestTls;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The standalone server over TLS (wss), with a self-signed certificate made at test time. */
class SecureServerTest {

    private static BowlineServer server;
    private static TestTls tls;

    @BeforeAll
    static void start(@TempDir Path dir) throws Exception {
        tls = TestTls.create(dir);
        server = BowlineServer.builder().port(0).ssl(tls.server)
                .limits(SessionLimits.defaults().withMaxMessageBytes(4 << 20, 4 << 20))
                .build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @Test
    void wssHandshakeAndEchoOfSmallAndLargeMessages() throws Exception {
        SSLSocket socket = (SSLSocket) tls.client.getSocketFactory().createSocket("localhost", server.port());
        socket.startHandshake();
        try (RawClient c = RawClient.handshake(new RawClient(socket), server.port(), "/echo", "")) {
            assertTrue(server.isSecure());
            c.sendText("over tls");
            assertEquals("over tls", c.readFrame().text());
            byte[] big = new byte[3 << 20];
            new Random(7).nextBytes(big);
            c.sendFrame(true, 2, big);
            RawClient.Frame echo = c.readFrame();
            assertEquals(2, echo.opcode());
            assertArrayEquals(big, echo.payload());
            c.sendFrame(true, 8, RawClient.closePayload(1000, ""));
            assertEquals(1000, c.readFrame().closeCode());
            assertTrue(c.awaitEof());
        }
    }
}
