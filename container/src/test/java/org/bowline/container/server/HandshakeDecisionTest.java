package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.HandshakeResponse;
import jakarta.websocket.server.HandshakeRequest;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What the standalone server decides from a complete upgrade request (the configurator's methods, the
 * endpoint's constructor) is the application's code, and runs where the application's callbacks do: never
 * on the I/O thread, so one slow decision holds up its own connection only.
 */
class HandshakeDecisionTest {

    private final CountDownLatch entered = new CountDownLatch(1);
    private final CountDownLatch release = new CountDownLatch(1);
    private final AtomicReference<String> decidedOn = new AtomicReference<>();
    private BowlineServer server;

    @BeforeEach
    void start() throws Exception {
        // One I/O thread: a decision made on it would stall every connection of the server.
        server = BowlineServer.builder().port(0).selectorThreads(1).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/slow")
                .configurator(new ServerEndpointConfig.Configurator() {
                    @Override
                    public void modifyHandshake(ServerEndpointConfig sec, HandshakeRequest request,
                                                HandshakeResponse response) {
                        decidedOn.set(Thread.currentThread().getName());
                        entered.countDown();
                        try {
                            release.await(10, TimeUnit.SECONDS);   // an authorization service that is slow to answer
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                    }
                }).build());
        server.start();
    }

    @AfterEach
    void stop() {
        release.countDown();
        server.stop();
    }

    @Test
    void aConfiguratorThatBlocksHoldsUpOnlyItsOwnHandshake() throws Exception {
        try (RawClient established = RawClient.connect(server.port(), "/echo");
             RawClient slow = new RawClient(server.port())) {
            slow.send(RawClient.upgradeRequest(server.port(), "/slow", ""));
            assertTrue(entered.await(5, TimeUnit.SECONDS), "modifyHandshake was not called");

            established.sendText("still served");
            assertEquals("still served", new String(established.readFrame().payload(), StandardCharsets.UTF_8));
            try (RawClient another = RawClient.connect(server.port(), "/echo")) {
                another.sendText("and a new one too");
                assertEquals("and a new one too", new String(another.readFrame().payload(), StandardCharsets.UTF_8));
            }
            assertFalse(decidedOn.get().startsWith("bowline-io"), "decided on the I/O thread " + decidedOn.get());

            release.countDown();
            assertTrue(slow.readHead().startsWith("HTTP/1.1 101"), slow.responseHead());
            slow.sendText("late but open");
            assertEquals("late but open", new String(slow.readFrame().payload(), StandardCharsets.UTF_8));
        }
    }

    /** Frames a client sends right behind its request, in the same write, are the session's first messages. */
    @Test
    void framesInTheSameWriteAsTheRequestReachTheEndpoint() throws Exception {
        release.countDown();
        ByteArrayOutputStream oneWrite = new ByteArrayOutputStream();
        oneWrite.write(RawClient.upgradeRequest(server.port(), "/slow", "").getBytes(StandardCharsets.ISO_8859_1));
        oneWrite.write(RawClient.frame(true, 0, Opcode.TEXT, "first".getBytes(StandardCharsets.UTF_8)));
        byte[] binary = {1, 2, 3, 4, 5};
        oneWrite.write(RawClient.frame(true, 0, Opcode.BINARY, binary));
        try (RawClient c = new RawClient(server.port())) {
            c.send(oneWrite.toByteArray());
            assertTrue(c.readHead().startsWith("HTTP/1.1 101"), c.responseHead());
            assertEquals("first", new String(c.readFrame().payload(), StandardCharsets.UTF_8));
            assertArrayEquals(binary, c.readFrame().payload());
        }
    }
}
