package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A write made on the caller's thread (the direct path: nothing queued, the socket takes the bytes at once)
 * keeps the connection's monitor only to claim the socket, not while the bytes are copied into it: a big
 * message to a peer that reads as fast as it is written can take that thread tens of milliseconds, and an
 * I/O thread that needs the connection meanwhile (here to stop reading from it) must not wait for it, or
 * every other connection of its loop waits too.
 */
class NioDirectWriteTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
    /** Far more than loopback socket buffers hold, so the write is still going while the loop is tested. */
    private static final int BIG = 128 << 20;
    /** An attempt whose socket filled says nothing (see below); this many are allowed before the test gives up. */
    private static final int ATTEMPTS = 20;

    private NioReactor reactor;

    @BeforeEach
    void start() {
        reactor = new NioReactor("nio-direct", 1);   // one loop, so nextLoop() is the writer's
        reactor.start();
    }

    @AfterEach
    void stop() {
        reactor.close();
    }

    @Test
    void theLoopGoesOnWhileACallersThreadWritesABigMessage() throws Exception {
        byte[] big = Payloads.random(BIG, 7);
        try (ServerSocketChannel peer = ServerSocketChannel.open().bind(ANY_LOOPBACK, 1)) {
            Connection writer = Payloads.await(reactor.connect((InetSocketAddress) peer.getLocalAddress(), 10_000));
            writer.setHandler(new RecordingHandler());
            try (SocketChannel reader = peer.accept()) {
                AtomicLong received = new AtomicLong();
                drain(reader, received);
                // Bytes flowing for a while first: the kernel sizes the sockets' buffers up, and the code warms.
                CompletableFuture<Void> primed = new CompletableFuture<>();
                writer.write(new ByteBuffer[] {ByteBuffer.wrap(big)}, Payloads.callback(primed));
                Payloads.await(primed);
                for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
                    if (loopWentOnWhileWriting(writer, big, received)) {
                        return;
                    }
                    // Either the loop waited for the writer, or the socket filled (the reader fell behind), the
                    // rest went to the queue and the writer returned early; only the first is wrong, and it is
                    // what every attempt shows when the writer keeps the monitor over its system calls.
                }
                fail("in " + ATTEMPTS + " attempts the loop did nothing else while the caller's thread was writing "
                        + BIG + " bytes to the socket");
            } finally {
                writer.abort();
            }
        }
    }

    /**
     * A close asked for while a caller's thread is still writing directly waits for that write: its bytes all
     * reach the peer, its callback completes, and only then does the peer see the end of the stream.
     */
    @Test
    void aCloseDuringADirectWriteSendsAllOfItFirst() throws Exception {
        byte[] big = Payloads.random(BIG, 11);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (ServerSocketChannel peer = ServerSocketChannel.open().bind(ANY_LOOPBACK, 1)) {
                Connection writer = Payloads.await(reactor.connect((InetSocketAddress) peer.getLocalAddress(), 10_000));
                writer.setHandler(new RecordingHandler());
                try (SocketChannel reader = peer.accept()) {
                    AtomicLong received = new AtomicLong();
                    CompletableFuture<Void> ended = drain(reader, received);
                    CompletableFuture<Void> primed = new CompletableFuture<>();   // as in the first test
                    writer.write(new ByteBuffer[] {ByteBuffer.wrap(big)}, Payloads.callback(primed));
                    Payloads.await(primed);
                    awaitReceived(received, BIG);
                    CompletableFuture<Void> sent = new CompletableFuture<>();
                    Thread w = new Thread(() -> writer.write(new ByteBuffer[] {ByteBuffer.wrap(big)},
                            Payloads.callback(sent)), "big-writer");
                    w.start();
                    awaitReceived(received, BIG + (1 << 20));
                    writer.close();
                    boolean closedWhileWriting = inSystemCalls(w);   // still writing after the close was made
                    w.join();
                    Payloads.await(sent);
                    ended.get(30, TimeUnit.SECONDS);
                    assertEquals(2L * BIG, received.get(), "the peer's stream ended before the write was all sent");
                    if (closedWhileWriting) {
                        return;
                    }
                    // The write had ended (the socket filled and the rest went to the queue) before the close:
                    // this attempt shows only the queued case.
                } finally {
                    writer.abort();
                }
            }
        }
        fail("in " + ATTEMPTS + " attempts the caller's thread was never still writing once close() returned"
                + " (close() waited for it, or the socket filled each time and the rest was queued)");
    }

    /**
     * A write made while another thread's direct write is still in its system calls waits in the queue, and
     * when the socket fills before the direct write is done, the rest of that write goes out first: the peer
     * gets every byte of the first, then the second.
     */
    @Test
    void aWriteMadeDuringADirectWriteFollowsAllOfIt() throws Exception {
        byte[] first = Payloads.random(16 << 20, 13);
        byte[] second = Payloads.random(64 * 1024, 17);
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (ServerSocketChannel peer = ServerSocketChannel.open()) {
                // A roomy receive buffer that nobody reads yet: the first write stays in its system calls for a
                // few milliseconds filling it, then leaves the rest to the queue.
                peer.setOption(StandardSocketOptions.SO_RCVBUF, 4 << 20);
                peer.bind(ANY_LOOPBACK, 1);
                Connection writer = Payloads.await(reactor.connect((InetSocketAddress) peer.getLocalAddress(), 10_000));
                writer.setHandler(new RecordingHandler());
                try (SocketChannel reader = peer.accept()) {
                    CompletableFuture<Void> firstSent = new CompletableFuture<>();
                    CompletableFuture<Void> secondSent = new CompletableFuture<>();
                    Thread w = new Thread(() -> writer.write(new ByteBuffer[] {ByteBuffer.wrap(first)},
                            Payloads.callback(firstSent)), "first-writer");
                    w.start();
                    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(1);
                    while (!inSystemCalls(w) && w.isAlive() && System.nanoTime() < deadline) {
                        Thread.onSpinWait();
                    }
                    boolean during = inSystemCalls(w);
                    writer.write(new ByteBuffer[] {ByteBuffer.wrap(second)}, Payloads.callback(secondSent));
                    during &= inSystemCalls(w);   // the first was in its system calls before and after the second
                    w.join();

                    ByteBuffer got = ByteBuffer.allocate(first.length + second.length);
                    while (got.hasRemaining() && reader.read(got) >= 0) {
                        // reads it all
                    }
                    Payloads.await(firstSent);
                    Payloads.await(secondSent);
                    assertArrayEquals(first, Arrays.copyOfRange(got.array(), 0, first.length),
                            "the first write did not arrive whole before the second");
                    assertArrayEquals(second, Arrays.copyOfRange(got.array(), first.length, got.position()),
                            "the second write did not follow the first");
                    if (during) {
                        return;
                    }
                    // The first write had left its system calls before the second came: an ordinary queue.
                } finally {
                    writer.abort();
                }
            }
        }
        fail("in " + ATTEMPTS + " attempts no write came while another was in its system calls");
    }

    /**
     * Writes from several threads at once, of sizes from a byte to more than the socket takes, while the
     * connection is closed midway: every write either arrives whole, in its thread's order and unbroken by
     * another's bytes, and completes, or fails and sends nothing; each callback runs once, and the close sends
     * FIN only after the last accepted write.
     */
    @Test
    void concurrentWritersArriveWholeAndInOrderAndACloseFlushesWhatItAccepted() throws Exception {
        int writers = 4;
        int writes = 80;
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler peer = new RecordingHandler();
        Acceptor server = reactor.listen(ANY_LOOPBACK, 16, c -> {
            c.setHandler(peer);
            accepted.add(c);
        });
        Connection c = Payloads.await(reactor.connect(server.localAddress(), 10_000));
        c.setHandler(new RecordingHandler());
        assertNotNull(accepted.poll(10, TimeUnit.SECONDS));

        AtomicIntegerArray outcomes = new AtomicIntegerArray(writers * writes);   // +1 completed, +100 failed
        CountDownLatch settled = new CountDownLatch(writers * writes);
        CountDownLatch halfway = new CountDownLatch(1);
        CountDownLatch closeMade = new CountDownLatch(1);
        Thread[] threads = new Thread[writers];
        for (int id = 0; id < writers; id++) {
            int writer = id;
            threads[id] = new Thread(() -> {
                Random random = new Random(writer);
                for (int seq = 0; seq < writes; seq++) {
                    int slot = writer * writes + seq;
                    int length = seq % 4 == 3 ? (1 << 20) + random.nextInt(1 << 20) : random.nextInt(64 * 1024);
                    CountDownLatch done = new CountDownLatch(1);
                    c.write(record(writer, seq, length, random.nextBoolean()), new WriteCallback() {
                        @Override
                        public void completed() {
                            outcomes.addAndGet(slot, 1);
                            settled.countDown();
                            done.countDown();
                        }

                        @Override
                        public void failed(IOException cause) {
                            outcomes.addAndGet(slot, 100);
                            settled.countDown();
                            done.countDown();
                        }
                    });
                    // One write at a time, as a session sends: the queue stays short and most writes go direct.
                    awaitQuietly(done);
                    if (writer == 0 && seq == writes / 2) {
                        halfway.countDown();   // and writes no more until the close is made
                        awaitQuietly(closeMade);
                    }
                }
            }, "writer-" + id);
            threads[id].start();
        }
        assertTrue(halfway.await(30, TimeUnit.SECONDS));
        c.close();
        closeMade.countDown();
        for (Thread t : threads) {
            t.join();
        }
        assertTrue(settled.await(30, TimeUnit.SECONDS), "some write was never completed nor failed");
        assertTrue(peer.closed.await(30, TimeUnit.SECONDS), "the peer never saw the close");

        ByteBuffer in = ByteBuffer.wrap(peer.bytes());
        int[] next = new int[writers];
        while (in.hasRemaining()) {
            int writer = in.get();
            int seq = in.getInt();
            int length = in.getInt();
            assertTrue(writer >= 0 && writer < writers, "a record header is broken at byte " + (in.position() - 9));
            assertEquals(next[writer], seq, "writer " + writer + "'s writes out of order");
            for (int i = 0; i < length; i++) {
                assertEquals(fill(writer, seq, i), in.get(), "writer " + writer + "'s write " + seq + " at byte " + i);
            }
            next[writer]++;
        }
        for (int writer = 0; writer < writers; writer++) {
            for (int seq = 0; seq < writes; seq++) {
                int outcome = outcomes.get(writer * writes + seq);
                assertEquals(seq < next[writer] ? 1 : 100, outcome, "writer " + writer + "'s write " + seq
                        + (seq < next[writer] ? " arrived" : " did not arrive") + "; its callbacks (+1 completed,"
                        + " +100 failed) add up to " + outcome);
            }
        }
        assertEquals(writes / 2 + 1, next[0], "writer 0 wrote up to " + writes / 2 + " before the close and no more");
    }

    private static void awaitQuietly(CountDownLatch latch) {
        try {
            assertTrue(latch.await(30, TimeUnit.SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** A write of {@code id}, {@code seq} and {@code length}, then that many bytes, as two buffers. */
    private static ByteBuffer[] record(int id, int seq, int length, boolean direct) {
        ByteBuffer header = ByteBuffer.allocate(9).put((byte) id).putInt(seq).putInt(length).flip();
        ByteBuffer payload = direct ? ByteBuffer.allocateDirect(length) : ByteBuffer.allocate(length);
        for (int i = 0; i < length; i++) {
            payload.put(fill(id, seq, i));
        }
        return new ByteBuffer[] {header, payload.flip()};
    }

    private static byte fill(int id, int seq, int i) {
        return (byte) (id * 61 + seq * 7 + i);
    }

    /**
     * A writer thread sends {@code big} through {@code writer} to the draining peer; once its bytes flow, the
     * connection is asked to stop reading (a loop task that takes its monitor) and a second loop task, which
     * runs only once the first is done, looks at the writer thread. True if the writer was still in its system
     * calls then (which it cannot be if the first task had to wait for it to leave them).
     */
    private boolean loopWentOnWhileWriting(Connection writer, byte[] big, AtomicLong received) throws Exception {
        long before = received.get();
        CompletableFuture<Void> failed = new CompletableFuture<>();
        Thread w = new Thread(() -> writer.write(new ByteBuffer[] {ByteBuffer.wrap(big)}, Payloads.failOnly(failed)),
                "big-writer");
        w.start();
        awaitReceived(received, before + (1 << 20));
        writer.suspendReading();   // the loop must take the writer's monitor to change what it selects
        CompletableFuture<Boolean> writing = new CompletableFuture<>();
        assertTrue(reactor.nextLoop().execute(() -> writing.complete(inSystemCalls(w))), "the loop has stopped");
        boolean wasWriting = writing.get(30, TimeUnit.SECONDS);
        w.join();
        awaitReceived(received, before + big.length);
        assertFalse(failed.isDone(), "the write failed");
        return wasWriting;
    }

    private static boolean inSystemCalls(Thread writer) {
        return Arrays.stream(writer.getStackTrace())
                .anyMatch(frame -> frame.getClassName().equals(GatheringWrites.class.getName()));
    }

    /**
     * Reads and drops everything the peer sends, counting it, until the end of the stream: straight into
     * native memory, one copy to the writer's two (heap bytes pass through a temporary direct buffer), so it
     * keeps up and the socket stays open for more.
     */
    private static CompletableFuture<Void> drain(SocketChannel channel, AtomicLong received) {
        CompletableFuture<Void> ended = new CompletableFuture<>();
        Thread t = new Thread(() -> {
            ByteBuffer chunk = ByteBuffer.allocateDirect(4 << 20);
            try {
                while (channel.read(chunk.clear()) >= 0) {
                    received.addAndGet(chunk.position());
                }
                ended.complete(null);
            } catch (IOException e) {
                ended.completeExceptionally(e);   // closed at the end of the test
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
        return ended;
    }

    private static void awaitReceived(AtomicLong received, long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < bytes) {
            if (System.nanoTime() > deadline) {
                fail("the peer got " + received.get() + " of " + bytes + " bytes in 30 s");
            }
            LockSupport.parkNanos(20_000);   // not a spin: on two cores it would starve the reader or the writer
        }
    }
}
