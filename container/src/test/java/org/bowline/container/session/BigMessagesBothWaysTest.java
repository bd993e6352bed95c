package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.ByteBuffer;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.client.BowlineClientContainer;
import org.bowline.container.server.BowlineServer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Two Bowline peers that send each other messages larger than their outbound limit at the same time must
 * both get everything: a session's own queued output must not stop it reading (each would wait for the
 * other to read, and neither would). Real sockets, so the kernel's buffers fill as they would in use.
 */
class BigMessagesBothWaysTest {

    private static final int MESSAGE = 1 << 20;   // 4 times the default outbound limit, within the message limit
    private static final int COUNT = 64;          // 64 MiB each way: more than loopback socket buffers hold (Linux tunes a receive buffer up to 32 MiB)

    /** The server side's session, once open. */
    private static final BlockingQueue<Session> SERVER_SESSIONS = new LinkedBlockingQueue<>();
    private static final AtomicInteger SERVER_RECEIVED = new AtomicInteger();
    private static volatile CountDownLatch serverGotAll;

    private BowlineServer server;
    private BowlineClientContainer client;
    private final ExecutorService senders = Executors.newFixedThreadPool(2);

    /** Counts whole binary messages and does nothing else. */
    public static final class Counter extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                if (data.remaining() == MESSAGE) {
                    SERVER_RECEIVED.incrementAndGet();
                    serverGotAll.countDown();
                }
            });
            SERVER_SESSIONS.add(session);
        }
    }

    @BeforeEach
    void start() throws Exception {
        SERVER_SESSIONS.clear();
        SERVER_RECEIVED.set(0);
        serverGotAll = new CountDownLatch(COUNT);
        server = BowlineServer.builder().port(0).build();   // default limits: 256 KiB outbound per session
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Counter.class, "/count").build());
        server.start();
        client = new BowlineClientContainer();
    }

    @AfterEach
    void stop() {
        senders.shutdownNow();
        client.close();
        server.stop();
    }

    @Test
    void bothPeersSendingMessagesPastTheirOutboundLimitAtOnceReceiveEverything() throws Exception {
        AtomicInteger clientReceived = new AtomicInteger();
        CountDownLatch clientGotAll = new CountDownLatch(COUNT);
        Endpoint counting = new Endpoint() {
            @Override
            public void onOpen(Session session, EndpointConfig config) {
                session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                    if (data.remaining() == MESSAGE) {
                        clientReceived.incrementAndGet();
                        clientGotAll.countDown();
                    }
                });
            }
        };
        Session clientSession = client.connectToServer(counting, ClientEndpointConfig.Builder.create().build(),
                URI.create("ws://localhost:" + server.port() + "/count"));
        Session serverSession = SERVER_SESSIONS.poll(10, TimeUnit.SECONDS);
        assertTrue(serverSession != null, "the server's session did not open");

        // Blocking sends from threads of the test's own, as an application's worker threads would make them.
        Future<?> fromClient = senders.submit(() -> sendAll(clientSession));
        Future<?> fromServer = senders.submit(() -> sendAll(serverSession));

        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        boolean serverDone = serverGotAll.await(30, TimeUnit.SECONDS);
        boolean clientDone = clientGotAll.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
        assertTrue(serverDone && clientDone, "messages of " + MESSAGE + " bytes sent both ways at once: the server got "
                + SERVER_RECEIVED.get() + " of " + COUNT + ", the client " + clientReceived.get() + " of " + COUNT
                + " within 30 s (each side stopped reading while its own queue was full?)");
        fromClient.get(5, TimeUnit.SECONDS);
        fromServer.get(5, TimeUnit.SECONDS);
        assertEquals(COUNT, SERVER_RECEIVED.get());
        assertEquals(COUNT, clientReceived.get());
        assertTrue(clientSession.isOpen() && serverSession.isOpen(), "both sessions are still open");
        clientSession.close();
    }

    private static Void sendAll(Session session) throws Exception {
        for (int i = 0; i < COUNT; i++) {
            ByteBuffer message = ByteBuffer.allocate(MESSAGE);
            message.put(0, (byte) i);
            session.getBasicRemote().sendBinary(message);
        }
        return null;
    }
}
