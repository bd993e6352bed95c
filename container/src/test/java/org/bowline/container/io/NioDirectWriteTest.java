package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.Arrays;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

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
     * Reads and drops everything the peer sends, counting it: straight into native memory, one copy to the
     * writer's two (heap bytes pass through a temporary direct buffer), so it keeps up and the socket stays
     * open for more.
     */
    private static void drain(SocketChannel channel, AtomicLong received) {
        Thread t = new Thread(() -> {
            ByteBuffer chunk = ByteBuffer.allocateDirect(4 << 20);
            try {
                for (int n; (n = channel.read(chunk.clear())) > 0; ) {
                    received.addAndGet(n);
                }
            } catch (IOException e) {
                // closed at the end of the test
            }
        }, "drain");
        t.setDaemon(true);
        t.start();
    }

    private static void awaitReceived(AtomicLong received, long bytes) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (received.get() < bytes) {
            if (System.nanoTime() > deadline) {
                fail("the peer got " + received.get() + " of " + bytes + " bytes in 30 s");
            }
            Thread.onSpinWait();
        }
    }

}
