package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * The contract every transport inherits from {@link AbstractConnection}, checked on a scripted transport
 * whose queue drains only when the test says so (the real transports' tests check the same through sockets).
 */
class AbstractConnectionTest {

    private static final WriteWaterMarks MARKS = new WriteWaterMarks(100, 1000);

    @Test
    void concurrentClosesReportOnceWithTheWinnersCause() throws Exception {
        for (int round = 0; round < 200; round++) {
            ScriptedConnection c = new ScriptedConnection();
            RecordingHandler h = new RecordingHandler();
            c.setHandler(h);
            int threads = 4;
            CountDownLatch start = new CountDownLatch(1);
            List<CompletableFuture<Boolean>> won = new ArrayList<>();
            for (int i = 0; i < threads; i++) {
                IOException cause = new IOException("closer " + i);
                won.add(CompletableFuture.supplyAsync(() -> {
                    await(start);
                    return c.closeNow(cause);
                }));
            }
            start.countDown();
            int winners = 0;
            for (CompletableFuture<Boolean> f : won) {
                winners += f.get(30, TimeUnit.SECONDS) ? 1 : 0;
            }
            assertEquals(1, winners, "exactly one close wins");
            assertEquals(1, h.closeCalls.get(), "onClosed exactly once");
            assertSame(c.winningCause, h.closeCause, "the handler hears the winner's cause");
            assertFalse(c.isOpen());
        }
    }

    /**
     * A close is reported to each handler once: the one that arrives after it hears it then, and so does a
     * replacement (a session set up while the handshake was decided elsewhere must not stay open for good).
     */
    @Test
    void closeBeforeAnyHandlerIsReportedWhenTheHandlerArrivesAndOnceToAReplacement() {
        ScriptedConnection c = new ScriptedConnection();
        IOException cause = new IOException("gone");
        assertTrue(c.closeNow(cause));
        RecordingHandler first = new RecordingHandler();
        c.setHandler(first);
        assertEquals(1, first.closeCalls.get());
        assertSame(cause, first.closeCause);
        assertEquals(0, c.startedReading, "a closed connection does not start reading");
        RecordingHandler second = new RecordingHandler();
        c.setHandler(second);
        assertEquals(1, second.closeCalls.get(), "the replacement was not told of the close");
        assertSame(cause, second.closeCause);
        assertFalse(c.closeNow(null), "a second close does nothing");
        c.setHandler(second);
        assertEquals(1, second.closeCalls.get(), "told twice");
        assertEquals(1, first.closeCalls.get());
    }

    @Test
    void onlyTheFirstHandlerStartsReadingAndNullIsRefused() {
        ScriptedConnection c = new ScriptedConnection();
        assertThrows(NullPointerException.class, () -> c.setHandler(null));
        c.setHandler(new RecordingHandler());
        c.setHandler(new RecordingHandler());
        assertEquals(1, c.startedReading);
    }

    @Test
    void closeFailsEveryQueuedCallbackWithAnExceptionCausedByTheClose() {
        ScriptedConnection c = new ScriptedConnection();
        c.setHandler(new RecordingHandler());
        List<CompletableFuture<Void>> writes = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            writes.add(c.write(10));
        }
        IOException cause = new IOException("reset");
        c.closeNow(cause);
        for (CompletableFuture<Void> w : writes) {
            ExecutionException e = assertThrows(ExecutionException.class, w::get);
            IOException failure = assertInstanceOf(IOException.class, e.getCause());
            assertSame(cause, failure.getCause());
        }
        assertEquals(0, c.queuedBytes());
        ExecutionException late = assertThrows(ExecutionException.class, () -> c.write(1).get());
        assertInstanceOf(IOException.class, late.getCause(), "a write after the close fails too");
    }

    @Test
    void closingRefusesWritesButIsNotYetClosed() {
        ScriptedConnection c = new ScriptedConnection();
        RecordingHandler h = new RecordingHandler();
        c.setHandler(h);
        CompletableFuture<Void> before = c.write(10);
        c.close();
        assertFalse(c.isOpen());
        assertThrows(ExecutionException.class, () -> c.write(1).get());
        assertEquals(0, h.closeCalls.get());
        c.drain(10);
        assertTrue(before.isDone() && !before.isCompletedExceptionally(), "bytes queued before close() still go");
    }

    @Test
    void onWritableFiresOnceWhenTheQueueDrainsToTheLowMarkAfterPassingTheHighMark() {
        ScriptedConnection c = new ScriptedConnection();
        RecordingHandler h = new RecordingHandler();
        c.setHandler(h);
        c.write(900);
        c.drain(850);
        assertEquals(0, h.writableCalls.get(), "never above the high mark: nothing to report");

        c.write(1000);   // 1050 queued: congested
        c.drain(949);    // 101: still above low
        assertEquals(0, h.writableCalls.get());
        c.drain(1);      // 100 == low
        assertEquals(1, h.writableCalls.get());
        c.drain(100);
        assertEquals(1, h.writableCalls.get(), "once per congestion");

        c.write(2000);
        c.drain(2000);
        assertEquals(2, h.writableCalls.get(), "a new congestion fires again");
    }

    @Test
    void noOnWritableAfterClose() {
        ScriptedConnection c = new ScriptedConnection();
        RecordingHandler h = new RecordingHandler();
        c.setHandler(h);
        c.write(2000);
        c.closeNow(null);
        c.fireIfDrained(0);
        assertEquals(0, h.writableCalls.get());
    }

    @Test
    void aHandlerThrowingFromOnWritableOrOnDataDropsTheConnection() {
        for (boolean fromData : new boolean[] {false, true}) {
            ScriptedConnection c = new ScriptedConnection();
            AtomicInteger closes = new AtomicInteger();
            c.setHandler(new ConnectionHandler() {
                @Override
                public void onData(ByteBuffer data) {
                    throw new IllegalStateException("bug in onData");
                }

                @Override
                public void onClosed(IOException cause) {
                    closes.incrementAndGet();
                }

                @Override
                public void onWritable() {
                    throw new IllegalStateException("bug in onWritable");
                }
            });
            if (fromData) {
                assertFalse(c.receive(ByteBuffer.allocate(1)));
            } else {
                c.write(2000);
                c.drain(2000);
            }
            assertFalse(c.isOpen());
            assertEquals(1, closes.get());
            assertInstanceOf(IllegalStateException.class, c.winningCause.getCause());
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** A transport whose bytes leave only when {@link #drain} says so; no threads of its own. */
    private static final class ScriptedConnection extends AbstractConnection {
        private final Object lock = new Object();
        private final ArrayDeque<PendingWrite> queue = new ArrayDeque<>();
        private long queued;
        int startedReading;
        volatile IOException winningCause;

        ScriptedConnection() {
            super(MARKS);
        }

        CompletableFuture<Void> write(int bytes) {
            CompletableFuture<Void> f = new CompletableFuture<>();
            write(new ByteBuffer[] {ByteBuffer.allocate(bytes)}, new WriteCallback() {
                @Override
                public void completed() {
                    f.complete(null);
                }

                @Override
                public void failed(IOException cause) {
                    f.completeExceptionally(cause);
                }
            });
            return f;
        }

        /** Takes {@code bytes} off the head of the queue, as a socket would. */
        void drain(long bytes) {
            List<WriteCallback> done = new ArrayList<>();
            boolean writable;
            synchronized (lock) {
                while (bytes > 0 && !queue.isEmpty()) {
                    PendingWrite w = queue.peek();
                    ByteBuffer b = w.current();
                    int n = (int) Math.min(bytes, b.remaining());
                    b.position(b.position() + n);
                    bytes -= n;
                    queued -= n;
                    w.skipEmpty();
                    if (w.isDone()) {
                        queue.poll();
                        done.add(w.callback());
                    }
                }
                writable = drainedTo(queued);
            }
            done.forEach(Callbacks::completed);
            if (writable) {
                fireWritable();
            }
        }

        void fireIfDrained(long level) {
            if (drainedTo(level)) {
                fireWritable();
            }
        }

        boolean receive(ByteBuffer data) {
            return deliver(data);
        }

        boolean closeNow(IOException cause) {
            List<WriteCallback> dropped = new ArrayList<>();
            synchronized (lock) {
                if (!markClosed(cause)) {
                    return false;
                }
                winningCause = cause;
                queue.forEach(w -> dropped.add(w.callback()));
                queue.clear();
                queued = 0;
            }
            failAll(dropped, closedException("scripted connection"));
            notifyClosed();
            return true;
        }

        @Override
        protected void startReading() {
            startedReading++;
        }

        @Override
        protected void handlerFailed(IOException cause) {
            closeNow(cause);
        }

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            IOException refused = null;
            synchronized (lock) {
                if (state() != State.OPEN) {
                    refused = closedException("scripted connection");
                } else {
                    PendingWrite w = new PendingWrite(buffers, callback);
                    queue.add(w);
                    queued += w.remaining();
                    noteQueued(queued);
                }
            }
            if (refused != null) {
                Callbacks.failed(callback, refused);
            }
        }

        @Override
        public long queuedBytes() {
            synchronized (lock) {
                return queued;
            }
        }

        @Override
        public void suspendReading() {}

        @Override
        public void resumeReading() {}

        @Override
        public void close() {
            synchronized (lock) {
                markClosing();
            }
        }

        @Override
        public void abort() {
            closeNow(null);
        }

        @Override
        public boolean isSecure() {
            return false;
        }

        @Override
        public InetSocketAddress localAddress() {
            return null;
        }

        @Override
        public InetSocketAddress remoteAddress() {
            return null;
        }

        @Override
        public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException("no timers in this test");
        }
    }
}
