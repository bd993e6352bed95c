package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Memory is bounded by configuration, not by the number of bad peers: many clients that send echo
 * requests and never read the echoes fill their sessions' queues, the server-wide budget caps what
 * all of them together hold, async sends past the limits fail with a clear error, and an honest
 * client is still answered at once.
 */
class QueueBudgetTest {

    private static final int ATTACKERS = 32;
    private static final int MESSAGE = 64 * 1024;
    private static final long SESSION_OUTBOUND_LIMIT = 1L << 20;
    private static final long BUDGET = 2L << 20;
    private static final AtomicInteger REFUSED = new AtomicInteger();
    private static final List<String> REFUSALS = java.util.Collections.synchronizedList(new ArrayList<>());

    private BowlineServer server;
    private final List<Socket> attackers = new ArrayList<>();
    private final ExecutorService writers = Executors.newCachedThreadPool();

    /** Echoes with fire-and-forget async sends: only the limits stop its queue from growing. */
    public static class AsyncEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data ->
                    session.getAsyncRemote().sendBinary(data, result -> {
                        if (!result.isOK()) {
                            REFUSED.incrementAndGet();
                            if (REFUSALS.size() < 5) {
                                REFUSALS.add(String.valueOf(result.getException().getMessage()));
                            }
                        }
                    }));
        }
    }

    @BeforeEach
    void start() throws Exception {
        REFUSED.set(0);
        REFUSALS.clear();
        server = BowlineServer.builder().port(0)
                .limits(SessionLimits.defaults().withQueues(SESSION_OUTBOUND_LIMIT, 256 * 1024))
                .queueBudget(BUDGET)
                .build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(AsyncEcho.class, "/async-echo").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterEach
    void stop() throws IOException {
        closeAttackers();
        writers.shutdownNow();
        server.stop();
    }

    @Test
    void manyPeersThatNeverReadHoldNoMoreThanTheBudgetAndAnHonestClientIsServedMeanwhile() throws Exception {
        QueueBudget budget = server.queueBudget();
        for (int i = 0; i < ATTACKERS; i++) {
            startAttacker();
        }
        // Until the kernel's socket buffers are full the server's queues stay empty; wait for the budget to bite.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (budget.peakBytes() <= BUDGET && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(budget.peakBytes() > BUDGET, "the attack never filled the budget: " + budget);

        try (RawClient honest = RawClient.connect(server.port(), "/echo")) {
            honest.setTimeout(5000);
            for (int i = 0; i < 50; i++) {
                byte[] payload = ("message " + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                honest.sendFrame(true, 2, payload);
                RawClient.Frame echo = honest.readFrame();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertEquals(2, echo.opcode());
                assertArrayEquals(payload, echo.payload());
                assertTrue(millis < 2000, "echo " + i + " took " + millis + " ms while the budget was in use");
            }
        }

        System.out.println("QueueBudgetTest: " + ATTACKERS + " peers that never read: peak held " + budget.peakBytes()
                + " bytes (budget " + BUDGET + "), async sends refused " + REFUSED.get());
        // Past the budget a session with a backlog takes at most one more message each way.
        long bound = BUDGET + ATTACKERS * 3L * (MESSAGE + 16);
        assertTrue(budget.peakBytes() <= bound, "held " + budget.peakBytes() + " bytes, bound " + bound + ": " + budget);
        assertTrue(budget.peakBytes() < ATTACKERS * SESSION_OUTBOUND_LIMIT,
                "the per-session limits alone would allow this much: " + budget);
        assertTrue(REFUSED.get() > 0, "no async send was refused");
        assertTrue(REFUSALS.get(0).contains("Outbound queue full"), REFUSALS.toString());

        closeAttackers();
        long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.heldBytes() != 0 && System.nanoTime() < drained) {
            Thread.sleep(10);
        }
        assertEquals(0, budget.heldBytes(), "bytes still counted after every attacker left: " + budget);
    }

    private void startAttacker() throws IOException {
        Socket socket = new Socket();
        // A small receive window, so the kernel absorbs little and the server's own queues fill fast.
        socket.setReceiveBufferSize(8 * 1024);
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        RawClient.handshake(new RawClient(socket), server.port(), "/async-echo", "");
        attackers.add(socket);
        byte[] frame = RawClient.frame(true, 0, 2, new byte[MESSAGE]);
        OutputStream out = socket.getOutputStream();
        writers.execute(() -> {
            try {
                while (true) {
                    out.write(frame);
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
    }

    private void closeAttackers() throws IOException {
        for (Socket s : attackers) {
            s.close();
        }
        attackers.clear();
    }
}
