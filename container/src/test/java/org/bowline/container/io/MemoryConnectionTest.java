package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class MemoryConnectionTest {

    @Test
    void writesArriveAtThePeerInOrderOnOneDeliveryThreadInBoundedChunks() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair(1000, WriteWaterMarks.DEFAULT);
        Set<String> threads = ConcurrentHashMap.newKeySet();
        int[] largest = new int[1];
        RecordingHandler b = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                threads.add(Thread.currentThread().getName());
                largest[0] = Math.max(largest[0], data.remaining());
                data.put(data.position(), data.get(data.position()));   // writable, as promised
                super.onData(data);
            }
        };
        pair[1].setHandler(b);
        pair[0].setHandler(new RecordingHandler());
        byte[] payload = Payloads.random(123_457, 1);
        Payloads.await(Payloads.writeChunked(pair[0], payload, 777));
        assertArrayEquals(payload, b.awaitBytes(payload.length));
        assertEquals(1, threads.size());
        assertTrue(largest[0] <= 1000);
        assertEquals(0, pair[0].queuedBytes());
    }

    @Test
    void eachEndOfAnUnevenPairReadsInItsOwnChunkSize() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair(1000, 7, WriteWaterMarks.DEFAULT);
        int[] largest = new int[2];
        RecordingHandler a = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                largest[0] = Math.max(largest[0], data.remaining());
                super.onData(data);
            }
        };
        RecordingHandler b = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                largest[1] = Math.max(largest[1], data.remaining());
                super.onData(data);
            }
        };
        pair[0].setHandler(a);
        pair[1].setHandler(b);
        byte[] payload = Payloads.random(5000, 3);
        Payloads.await(Payloads.writeChunked(pair[0], payload, 5000));
        Payloads.await(Payloads.writeChunked(pair[1], payload, 5000));
        assertArrayEquals(payload, b.awaitBytes(payload.length));
        assertArrayEquals(payload, a.awaitBytes(payload.length));
        assertEquals(7, largest[1]);
        assertEquals(1000, largest[0]);
    }

    @Test
    void inputThatReachesAClosingEndIsDroppedAndCounted() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        RecordingHandler a = new RecordingHandler();
        pair[0].setHandler(a);
        pair[0].close();
        // The other end has no handler yet, so it has not taken the close: its write crosses it.
        Payloads.await(Payloads.writeChunked(pair[1], new byte[] {1, 2, 3}, 3));
        pair[1].setHandler(new RecordingHandler());
        a.awaitClosed();
        assertEquals(3, pair[0].droppedBytes());
        assertEquals(0, pair[1].droppedBytes());
    }

    @Test
    void bytesWrittenBeforeTheHandlerIsSetWaitForIt() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        Payloads.writeChunked(pair[0], new byte[] {1, 2, 3}, 2);
        RecordingHandler b = new RecordingHandler();
        pair[1].setHandler(b);
        assertArrayEquals(new byte[] {1, 2, 3}, b.awaitBytes(3));
    }

    @Test
    void closeDeliversWhatWasWrittenThenBothEndsCloseCleanly() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        RecordingHandler a = new RecordingHandler();
        RecordingHandler b = new RecordingHandler();
        pair[0].setHandler(a);
        pair[1].setHandler(b);
        byte[] payload = Payloads.random(300_000, 2);
        CompletableFuture<Void> written = Payloads.writeChunked(pair[0], payload, 4096);
        pair[0].close();
        pair[0].close();
        assertTrue(!pair[0].isOpen());
        assertArrayEquals(payload, b.awaitBytes(payload.length));
        b.awaitClosed();
        a.awaitClosed();
        assertNull(a.closeCause);
        assertNull(b.closeCause);
        Payloads.await(written);
        assertEquals(1, a.closeCalls.get());
        assertEquals(1, b.closeCalls.get());
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> Payloads.await(Payloads.writeChunked(pair[1], new byte[] {1}, 1)));
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void abortDropsQueuedBytesAndResetsThePeer() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        RecordingHandler a = new RecordingHandler();
        RecordingHandler b = new RecordingHandler();
        pair[1].suspendReading();
        pair[0].setHandler(a);
        pair[1].setHandler(b);
        CompletableFuture<Void> queued = Payloads.writeChunked(pair[0], new byte[10_000], 10_000);
        assertEquals(10_000, pair[0].queuedBytes());
        pair[0].abort();
        a.awaitClosed();
        assertNull(a.closeCause);
        ExecutionException e = assertThrows(ExecutionException.class, () -> Payloads.await(queued));
        assertInstanceOf(IOException.class, e.getCause());
        b.awaitClosed();
        assertNotNull(b.closeCause, "the peer sees a reset, not a clean EOF");
        assertEquals(0, b.size());
        assertEquals(0, pair[0].queuedBytes());
    }

    /**
     * A handler that takes over a connection whose close was already reported (a session opened elsewhere while
     * its handshake was being decided) hears of the close too, at once; the one before it is not told again.
     */
    @Test
    void aHandlerSetAfterTheCloseWasReportedHearsOfItToo() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        RecordingHandler first = new RecordingHandler();
        pair[0].setHandler(first);
        pair[1].setHandler(new RecordingHandler());
        pair[1].abort();
        first.awaitClosed();
        RecordingHandler next = new RecordingHandler();
        pair[0].setHandler(next);
        assertEquals(1, next.closeCalls.get(), "the handler set after the close was not told of it");
        assertNotNull(next.closeCause, "the reset, as the first handler heard it");
        assertEquals(1, first.closeCalls.get());
    }

    @Test
    void suspendedReaderBuildsBackpressureAndOnWritableFiresWhenItDrains() throws Exception {
        WriteWaterMarks marks = new WriteWaterMarks(1000, 5000);
        MemoryConnection[] pair = MemoryConnection.pair(512, marks);
        RecordingHandler a = new RecordingHandler();
        RecordingHandler b = new RecordingHandler();
        pair[0].setHandler(a);
        pair[1].setHandler(b);
        pair[1].suspendReading();
        for (int i = 0; i < 10; i++) {
            Payloads.writeChunked(pair[0], new byte[1000], 1000);
        }
        assertEquals(10_000, pair[0].queuedBytes());
        Thread.sleep(200);
        assertEquals(0, b.dataCalls.get(), "onData while suspended");
        assertEquals(0, a.writableCalls.get());
        pair[1].resumeReading();
        b.awaitBytes(10_000);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (a.writableCalls.get() == 0 && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertEquals(1, a.writableCalls.get());
        assertEquals(0, pair[0].queuedBytes());
    }

    @Test
    void handlerThatThrowsAbortsItsConnectionOnly() throws Exception {
        MemoryConnection[] bad = MemoryConnection.pair();
        MemoryConnection[] good = MemoryConnection.pair();
        RecordingHandler thrower = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                throw new IllegalStateException("bad input (expected by the test)");
            }
        };
        bad[1].setHandler(thrower);
        RecordingHandler badWriter = new RecordingHandler();
        bad[0].setHandler(badWriter);
        RecordingHandler goodReader = new RecordingHandler();
        good[1].setHandler(goodReader);
        good[0].setHandler(new RecordingHandler());
        Payloads.writeChunked(bad[0], new byte[] {1}, 1);
        thrower.awaitClosed();
        assertNotNull(thrower.closeCause);
        badWriter.awaitClosed();
        Payloads.writeChunked(good[0], new byte[] {2}, 1);
        assertArrayEquals(new byte[] {2}, goodReader.awaitBytes(1));
        assertTrue(good[0].isOpen());
    }

    @Test
    void deliveryThreadsEndOnceBothEndsHaveClosed() throws Exception {
        List<MemoryConnection[]> pairs = new ArrayList<>();
        List<RecordingHandler> handlers = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            MemoryConnection[] p = MemoryConnection.pair();
            for (MemoryConnection c : p) {
                RecordingHandler h = new RecordingHandler();
                c.setHandler(h);
                handlers.add(h);
            }
            pairs.add(p);
        }
        Set<Thread> delivery = ConcurrentHashMap.newKeySet();
        CountDownLatch seen = new CountDownLatch(1);
        pairs.get(0)[1].setHandler(new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                delivery.add(Thread.currentThread());
                seen.countDown();
            }
        });
        Payloads.writeChunked(pairs.get(0)[0], new byte[] {1}, 1);
        assertTrue(seen.await(30, TimeUnit.SECONDS));
        for (MemoryConnection[] p : pairs) {
            p[0].close();
        }
        for (RecordingHandler h : handlers.subList(2, handlers.size())) {
            h.awaitClosed();
        }
        Thread t = delivery.iterator().next();
        t.join(TimeUnit.SECONDS.toMillis(30));
        assertTrue(!t.isAlive(), "delivery thread " + t.getName() + " still running");
    }

    @Test
    void scheduleRunsTheTaskLater() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        CountDownLatch ran = new CountDownLatch(1);
        pair[0].schedule(ran::countDown, 5, TimeUnit.MILLISECONDS);
        assertTrue(ran.await(30, TimeUnit.SECONDS));
        assertEquals(pair[0].localAddress(), pair[1].remoteAddress());
        assertTrue(!pair[0].isSecure());
    }
}
