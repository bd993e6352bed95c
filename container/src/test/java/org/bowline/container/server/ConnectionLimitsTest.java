package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import jakarta.websocket.server.ServerEndpointConfig;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Past the most connections open at once, or the most handshakes in progress, a new connection is
 * answered 503 with Retry-After before its request is read; the connections already admitted carry on,
 * and once one goes, a new one is admitted again.
 */
class ConnectionLimitsTest {

    private BowlineServer server;

    @BeforeEach
    void start() throws Exception {
        server = BowlineServer.builder().port(0).maxConnections(3).maxHandshakes(2).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void aConnectionBeyondTheHandshakesInProgressGets503AndTheOthersCarryOn() throws Exception {
        try (RawClient first = new RawClient(server.port()); RawClient second = new RawClient(server.port());
             RawClient third = new RawClient(server.port())) {
            // first and second have sent nothing yet: two handshakes in progress, the limit.
            String refused = third.readHead();
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            assertTrue(refused.contains("Retry-After: 1"), refused);
            assertTrue(third.awaitEof(), "the refused connection was not closed");

            RawClient.handshake(first, server.port(), "/echo", "");
            RawClient.handshake(second, server.port(), "/echo", "");
            first.sendText("still served");
            assertEquals("still served", new String(first.readFrame().payload()));
            assertTrue(server.refusedConnections() >= 1);
        }
    }

    @Test
    void aConnectionBeyondTheMostOpenAtOnceGets503UntilOneCloses() throws Exception {
        RawClient a = RawClient.connect(server.port(), "/echo");
        try (RawClient b = RawClient.connect(server.port(), "/echo");
             RawClient c = RawClient.connect(server.port(), "/echo");
             RawClient d = new RawClient(server.port())) {
            String refused = d.readHead();
            assertTrue(refused.startsWith("HTTP/1.1 503"), refused);
            String body = new String(d.input().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertTrue(body.contains("3 connections are open (limit 3)"), body);
            b.sendText("b is served");
            assertEquals("b is served", new String(b.readFrame().payload()));

            a.close();
            // Once the server has seen a go, a new connection is admitted.
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (server.openConnections() > 2 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            try (RawClient e = RawClient.connect(server.port(), "/echo")) {
                e.sendText("e is served");
                assertEquals("e is served", new String(e.readFrame().payload()));
            }
        }
    }
}
