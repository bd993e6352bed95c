package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.io.QueueBudget;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A peer that floods pings and does not read the pongs: the server holds only a bounded number of pongs for
 * it (RFC 6455 section 5.5.3 lets it answer only the latest ping) and reads it no faster than it reads,
 * serves others meanwhile, and once the peer reads, answers its latest ping and reads on.
 */
class PingFloodTest {

    private static final int PINGS = 200_000;   // 25 MB of pongs if all were answered: more than socket buffers hold
    private static final int BATCH = 10_000;
    private static final int PAYLOAD = 125;
    /** A pong of the largest payload on the wire: 2 header bytes, unmasked. */
    private static final int PONG_BYTES = 2 + PAYLOAD;
    /** What the server may hold for the flooder: the session's pongs waiting to be written (PongQueue.MAX_WAITING, 64) and one owed. */
    private static final long BOUND = 65L * PONG_BYTES;

    private static volatile CountDownLatch messageAfterFlood;

    private BowlineServer server;
    private final ExecutorService writer = Executors.newSingleThreadExecutor();

    /** Counts down when it receives a text message; pings it leaves to the container. */
    public static final class Listener extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> messageAfterFlood.countDown());
        }
    }

    @BeforeEach
    void start() throws Exception {
        messageAfterFlood = new CountDownLatch(1);
        server = BowlineServer.builder().port(0).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(Listener.class, "/listen").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(EchoEndpoint.class, "/echo").build());
        server.start();
    }

    @AfterEach
    void stop() {
        writer.shutdownNow();
        server.stop();
    }

    @Test
    void aPeerThatFloodsPingsWithoutReadingCostsABoundedNumberOfPongsAndIsReadAgainOnceItReads() throws Exception {
        QueueBudget budget = server.queueBudget();
        Socket socket = new Socket();
        socket.setReceiveBufferSize(8 * 1024);   // a small window: the server's queue fills soon
        socket.connect(new InetSocketAddress("127.0.0.1", server.port()), 5000);
        RawClient flooder = RawClient.handshake(new RawClient(socket), server.port(), "/listen", "");
        OutputStream out = socket.getOutputStream();

        // On a thread of its own: while the server holds its reading, these writes block.
        Future<?> flood = writer.submit(() -> {
            for (int from = 0; from < PINGS; from += BATCH) {
                ByteArrayOutputStream batch = new ByteArrayOutputStream(BATCH * (PAYLOAD + 8));
                for (int i = from; i < from + BATCH; i++) {
                    batch.writeBytes(RawClient.frame(true, 0, 9, payload(i)));
                }
                out.write(batch.toByteArray());
            }
            out.write(RawClient.frame(true, 0, 1, "after the flood".getBytes(StandardCharsets.UTF_8)));
            out.flush();
            return null;
        });
        // Until the kernel's buffers are full the server's queue stays empty; wait for the pongs to pile up.
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (budget.peakBytes() < BOUND / 2 && !flood.isDone() && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertTrue(budget.peakBytes() >= BOUND / 2, "the pongs never piled up in the server's queue, so this test"
                + " showed nothing: " + budget + (flood.isDone() ? " (the whole flood was read)" : ""));

        // Others are served meanwhile.
        try (RawClient honest = RawClient.connect(server.port(), "/echo")) {
            honest.send(RawClient.frame(true, 0, 1, "still here".getBytes(StandardCharsets.UTF_8)));
            RawClient.Frame echo = honest.readFrame();
            assertEquals(1, echo.opcode());
            assertEquals("still here", echo.text());
        }

        // Reading at last, the flooder gets pongs in the order of their pings, ending with the latest ping's;
        // the server reads the rest of the flood and the message behind it.
        int last = -1;
        while (last != PINGS - 1) {
            RawClient.Frame f = flooder.readFrame();
            assertEquals(10, f.opcode(), "only pongs were owed");
            assertEquals(PAYLOAD, f.payload().length);
            int index = ByteBuffer.wrap(f.payload()).getInt();
            assertTrue(index > last, "pong for ping " + index + " after the pong for ping " + last);
            assertArrayEquals(payload(index), f.payload());
            last = index;
        }
        flood.get(30, TimeUnit.SECONDS);
        assertTrue(messageAfterFlood.await(30, TimeUnit.SECONDS),
                "the server did not read the message sent after " + PINGS + " pings: " + budget);

        long peak = budget.peakBytes();
        assertTrue(peak <= BOUND, "held " + peak + " bytes for a peer that does not read, bound " + BOUND + ": "
                + budget);
        flooder.close();
    }

    private static byte[] payload(int index) {
        byte[] p = new byte[PAYLOAD];
        ByteBuffer.wrap(p).putInt(index);
        for (int i = 4; i < PAYLOAD; i++) {
            p[i] = (byte) (index + i);
        }
        return p;
    }
}
