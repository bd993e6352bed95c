package org.bowline.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The attack that once grew the demo server by gigabytes: 64 clients send 64 KiB echo requests and
 * never read the echoes. Each session must stop reading once its small queues are full, so what the
 * server holds for all of them stays within the per-session limits times 64 (and under the server's
 * budget), while an honest client still gets its echoes at once and a 64 MiB message is still echoed.
 */
class SlowReaderFloodTest {

    private static final int ATTACKERS = 64;
    private static final int MESSAGE = 64 * 1024;

    private DemoServer server;
    private final List<Socket> attackers = new ArrayList<>();
    private final ExecutorService writers = Executors.newCachedThreadPool();
    private final AtomicLong attackBytes = new AtomicLong();

    @BeforeEach
    void start() throws Exception {
        server = DemoServer.start("127.0.0.1", 0);
    }

    @AfterEach
    void stop() throws IOException {
        closeAttackers();
        writers.shutdownNow();
        server.close();
    }

    @Test
    void sixtyFourClientsThatNeverReadCostTheServerOnlyTheirQueueLimits() throws Exception {
        QueueBudget budget = server.queueBudget();
        SessionLimits limits = DemoServer.limits();
        for (int i = 0; i < ATTACKERS; i++) {
            startAttacker();
        }
        // Each attacker is stopped once the kernel's buffers and the session's queues are full:
        // wait until the bytes they manage to send stop growing.
        long sent = -1;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (attackBytes.get() != sent && System.nanoTime() < deadline) {
            sent = attackBytes.get();
            Thread.sleep(500);
        }
        assertEquals(sent, attackBytes.get(), "the server kept reading from clients that never read");
        long attackPeak = budget.peakBytes();
        long perSession = limits.maxInboundPendingBytes() + limits.maxOutboundQueuedBytes() + 2L * (MESSAGE + 14);
        assertTrue(attackPeak <= ATTACKERS * perSession, "held " + attackPeak + " bytes for " + ATTACKERS
                + " clients that never read; the per-session limits allow " + ATTACKERS * perSession);

        InetSocketAddress address = server.address();
        try (RawWebSocket honest = RawWebSocket.connect(address)) {
            String key = RawWebSocket.newKey();
            assertTrue(honest.exchangeHead(RawWebSocket.upgradeRequest(address, DemoServer.ECHO_PATH, key))
                    .startsWith("HTTP/1.1 101"));
            for (int i = 0; i < 50; i++) {
                byte[] payload = new byte[1000];
                ThreadLocalRandom.current().nextBytes(payload);
                long start = System.nanoTime();
                honest.sendFrame(2, payload);
                RawWebSocket.Frame echo = honest.readFrame();
                long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
                assertArrayEquals(payload, echo.payload());
                assertTrue(millis < 2000, "echo " + i + " took " + millis + " ms during the attack");
            }
            byte[] large = new byte[(int) DemoServer.MAX_MESSAGE_BYTES];
            ThreadLocalRandom.current().nextBytes(large);
            honest.sendFrame(2, large);
            assertArrayEquals(large, honest.readFrame().payload(), "the 64 MiB echo during the attack");
        }

        // Per session at most its inbound backlog plus one message, and one echo plus its outbound limit.
        long largest = 2 * DemoServer.MAX_MESSAGE_BYTES + (1L << 20);
        System.out.println("SlowReaderFloodTest: " + ATTACKERS + " clients that never read sent "
                + (sent >> 20) + " MiB before the server stopped reading them; the server held at most "
                + attackPeak + " bytes for them, " + budget.peakBytes() + " with the 64 MiB echo; budget " + budget.limit());
        assertTrue(budget.peakBytes() <= ATTACKERS * perSession + largest,
                "held " + budget.peakBytes() + " bytes; bound " + (ATTACKERS * perSession + largest));
        assertTrue(budget.peakBytes() <= budget.limit() + largest, budget.toString());

        closeAttackers();
        long drained = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (budget.heldBytes() != 0 && System.nanoTime() < drained) {
            Thread.sleep(10);
        }
        assertEquals(0, budget.heldBytes(), "bytes still held after the attackers left: " + budget);
    }

    private void startAttacker() throws IOException {
        Socket socket = new Socket();
        // A small receive window: the kernel absorbs less, so the server's own queues fill sooner.
        socket.setReceiveBufferSize(16 * 1024);
        socket.connect(server.address(), 5000);
        OutputStream out = socket.getOutputStream();
        out.write(RawWebSocket.upgradeRequest(server.address(), DemoServer.ECHO_PATH, RawWebSocket.newKey())
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        readHead(socket);
        attackers.add(socket);
        byte[] frame = maskedBinaryFrame(MESSAGE);
        writers.execute(() -> {
            try {
                while (true) {
                    out.write(frame);
                    attackBytes.addAndGet(frame.length);
                }
            } catch (IOException e) {
                // closed by the test
            }
        });
    }

    private static void readHead(Socket socket) throws IOException {
        int matched = 0;
        byte[] end = {'\r', '\n', '\r', '\n'};
        while (matched < end.length) {
            int b = socket.getInputStream().read();
            if (b < 0) {
                throw new IOException("closed during the handshake");
            }
            matched = b == end[matched] ? matched + 1 : (b == '\r' ? 1 : 0);
        }
    }

    private static byte[] maskedBinaryFrame(int length) {
        ByteArrayOutputStream frame = new ByteArrayOutputStream();
        frame.write(0x82);
        frame.write(0x80 | 127);
        for (int shift = 56; shift >= 0; shift -= 8) {
            frame.write((int) ((long) length >>> shift));
        }
        frame.writeBytes(new byte[] {1, 2, 3, 4});
        byte[] payload = new byte[length];
        ThreadLocalRandom.current().nextBytes(payload);
        frame.writeBytes(payload);
        return frame.toByteArray();
    }

    private void closeAttackers() throws IOException {
        for (Socket s : attackers) {
            s.close();
        }
        attackers.clear();
    }
}
