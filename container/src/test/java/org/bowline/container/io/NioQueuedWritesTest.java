package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Writes that queue behind a full socket leave in gathered writes of many at once: whatever the mix (more
 * writes than one gathered write takes, empty writes, empty buffers inside a write, heap and direct buffers,
 * a big write among small ones) the peer gets every byte in order, each callback runs once, in order, and
 * the queue and the server's budget end at zero; an abort fails exactly the writes that did not leave.
 */
class NioQueuedWritesTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private NioReactor reactor;

    @BeforeEach
    void start() {
        reactor = new NioReactor("nio-queued", 1);
        reactor.setQueueBudget(new QueueBudget(1L << 40));   // counting, so the test sees the gauge return to 0
        reactor.start();
    }

    @AfterEach
    void stop() {
        reactor.close();
    }

    private record Pair(Acceptor server, Connection client, Connection accepted, RecordingHandler peer) {
    }

    /** A connection whose peer does not read, and whose socket is full: every further write queues. */
    private Pair stalled() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler peer = new RecordingHandler();
        Acceptor server = reactor.listen(ANY_LOOPBACK, 16, c -> {
            c.suspendReading();
            c.setHandler(peer);
            accepted.add(c);
        });
        Connection c = Payloads.await(reactor.connect(server.localAddress(), 10_000));
        c.setHandler(new RecordingHandler());
        Connection s = accepted.poll(10, TimeUnit.SECONDS);
        assertNotNull(s);
        return new Pair(server, c, s, peer);
    }

    /** Writes until the kernel holds no more and bytes wait in our queue; returns what was written. */
    private static byte[] fill(Connection c) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        byte[] chunk = Payloads.random(64 * 1024, 5);
        while (c.queuedBytes() == 0 && all.size() < 256 * 1024 * 1024) {
            c.write(new ByteBuffer[] {ByteBuffer.wrap(chunk)}, null);
            all.writeBytes(chunk);
        }
        assertTrue(c.queuedBytes() > 0, "the socket never filled");
        return all.toByteArray();
    }

    private static ByteBuffer direct(byte[] bytes) {
        return ByteBuffer.allocateDirect(bytes.length).put(bytes).flip();
    }

    /** A mix of write shapes; index i decides the shape so the boundaries fall everywhere. */
    private static ByteBuffer[] shape(int i, ByteArrayOutputStream expected) {
        byte[] a = Payloads.random(1 + i % 40, i);
        byte[] b = Payloads.random(i % 3, i + 1_000_000L);
        ByteBuffer[] buffers = switch (i % 6) {
            case 0 -> new ByteBuffer[] {ByteBuffer.wrap(a)};
            case 1 -> new ByteBuffer[] {direct(a), ByteBuffer.wrap(b)};
            case 2 -> new ByteBuffer[0];
            case 3 -> new ByteBuffer[] {ByteBuffer.allocate(0), direct(a), ByteBuffer.allocate(0)};
            case 4 -> new ByteBuffer[] {ByteBuffer.wrap(b), ByteBuffer.wrap(a), direct(b)};
            default -> new ByteBuffer[] {ByteBuffer.wrap(i % 60 == 5 ? Payloads.random(300_000, i) : a)};
        };
        for (ByteBuffer buffer : buffers) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.duplicate().get(bytes);
            expected.writeBytes(bytes);
        }
        return buffers;
    }

    @Test
    void queuedWritesOfEveryShapeLeaveInOrderAndCompleteOnceEach() throws Exception {
        Pair p = stalled();
        try (Acceptor ignored = p.server()) {
            ByteArrayOutputStream expected = new ByteArrayOutputStream();
            expected.writeBytes(fill(p.client()));
            int writes = 3 * SelectorLoop.GATHER_BUFFERS + 7;
            List<Integer> completions = new CopyOnWriteArrayList<>();
            List<Integer> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < writes; i++) {
                int index = i;
                p.client().write(shape(i, expected), new WriteCallback() {
                    @Override
                    public void completed() {
                        completions.add(index);
                    }

                    @Override
                    public void failed(IOException cause) {
                        failures.add(index);
                    }
                });
            }
            p.accepted().resumeReading();
            byte[] want = expected.toByteArray();
            assertArrayEquals(want, p.peer().awaitBytes(want.length));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (completions.size() < writes && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertEquals(IntStream.range(0, writes).boxed().toList(), completions);
            assertEquals(List.of(), failures);
            assertEquals(0, p.client().queuedBytes());
            assertEquals(0, reactor.queueBudget().outboundBytes());
        }
    }

    @Test
    void anAbortFailsEveryQueuedWriteOnceAndCompletesNone() throws Exception {
        Pair p = stalled();
        try (Acceptor ignored = p.server()) {
            fill(p.client());
            int writes = 2 * SelectorLoop.GATHER_BUFFERS + 3;
            List<Integer> completions = new CopyOnWriteArrayList<>();
            List<Integer> failures = new CopyOnWriteArrayList<>();
            for (int i = 0; i < writes; i++) {
                int index = i;
                p.client().write(shape(i, new ByteArrayOutputStream()), new WriteCallback() {
                    @Override
                    public void completed() {
                        completions.add(index);
                    }

                    @Override
                    public void failed(IOException cause) {
                        failures.add(index);
                    }
                });
            }
            assertTrue(reactor.queueBudget().outboundBytes() > 0);
            p.client().abort();
            // The peer reads nothing, so at most a first few may have left if the kernel made room.
            int left = completions.size();
            assertEquals(IntStream.range(0, left).boxed().toList(), completions);
            assertEquals(IntStream.range(left, writes).boxed().toList(), failures);
            assertTrue(failures.size() > SelectorLoop.GATHER_BUFFERS, "failed " + failures.size());
            assertEquals(0, reactor.queueBudget().outboundBytes());
        }
    }
}
