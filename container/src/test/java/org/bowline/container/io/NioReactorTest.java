package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NioReactorTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    private NioReactor reactor;

    @BeforeEach
    void start() {
        reactor = new NioReactor("nio-test", 2);
        reactor.start();
    }

    @AfterEach
    void stop() {
        reactor.close();
        assertNoThreadsNamed("nio-test-");
    }

    static void assertNoThreadsNamed(String prefix) {
        List<String> alive = new ArrayList<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (t.isAlive() && t.getName().startsWith(prefix)) {
                alive.add(t.getName());
            }
        }
        assertTrue(alive.isEmpty(), "threads left running: " + alive);
    }

    /** Listens; every accepted connection gets the handler made by {@code handlers} and lands in the queue. */
    private Acceptor listen(BlockingQueue<Connection> accepted, java.util.function.Function<Connection, ConnectionHandler> handlers)
            throws IOException {
        return reactor.listen(ANY_LOOPBACK, 128, c -> {
            c.setHandler(handlers.apply(c));
            accepted.add(c);
        });
    }

    private Acceptor echoServer() throws IOException {
        return listen(new LinkedBlockingQueue<>(), c -> {
            RecordingHandler h = new RecordingHandler();
            h.echoTo = c;
            return h;
        });
    }

    private Connection connect(Acceptor acceptor, ConnectionHandler handler) throws Exception {
        Connection c = Payloads.await(reactor.connect(acceptor.localAddress(), 10_000));
        c.setHandler(handler);
        return c;
    }

    @ParameterizedTest(name = "{0} bytes in writes of {1}")
    @CsvSource({
        "0, 1", "1, 1", "125, 1", "4096, 1", "65535, 1000", "65536, 65536", "65537, 7",
        "1048583, 1000", "1048583, 65536", "1048583, 1048583",
        "16777216, 65536", "16777216, 1048576", "16777216, 16777216"
    })
    void echoReturnsEveryByteInOrder(int size, int chunk) throws Exception {
        try (Acceptor server = echoServer()) {
            RecordingHandler client = new RecordingHandler();
            Connection c = connect(server, client);
            byte[] payload = Payloads.random(size, size * 31L + chunk);
            Payloads.await(Payloads.writeChunked(c, payload, chunk));
            if (size == 0) {
                // nothing to echo: prove the stream is intact by what follows the empty write
                Payloads.await(Payloads.writeChunked(c, new byte[] {42}, 1));
                assertArrayEquals(new byte[] {42}, client.awaitBytes(1));
            } else {
                assertArrayEquals(payload, client.awaitBytes(size));
            }
            c.close();
            client.awaitClosed();
            assertNull(client.closeCause);
        }
    }

    @Test
    void manyConcurrentConnectionsAreSpreadAndAllEcho() throws Exception {
        int connections = 200;
        try (Acceptor server = echoServer()) {
            List<Connection> clients = new ArrayList<>();
            List<RecordingHandler> handlers = new ArrayList<>();
            List<CompletableFuture<Connection>> pending = new ArrayList<>();
            for (int i = 0; i < connections; i++) {
                pending.add(reactor.connect(server.localAddress(), 10_000));
            }
            for (int i = 0; i < connections; i++) {
                Connection c = Payloads.await(pending.get(i));
                RecordingHandler h = new RecordingHandler();
                c.setHandler(h);
                clients.add(c);
                handlers.add(h);
                Payloads.writeChunked(c, Payloads.random(10_000, i), 3000);
            }
            for (int i = 0; i < connections; i++) {
                assertArrayEquals(Payloads.random(10_000, i), handlers.get(i).awaitBytes(10_000), "connection " + i);
            }
            for (Connection c : clients) {
                c.close();
            }
            for (RecordingHandler h : handlers) {
                h.awaitClosed();
            }
        }
    }

    @Test
    void gatheredWritesFromManyThreadsNeverInterleave() throws Exception {
        try (Acceptor server = echoServer()) {
            RecordingHandler client = new RecordingHandler();
            Connection c = connect(server, client);
            int threads = 6;
            int messages = 2000;
            List<Thread> writers = new ArrayList<>();
            long expected = 0;
            for (int t = 0; t < threads; t++) {
                int id = t;
                for (int m = 0; m < messages; m++) {
                    expected += 12 + bodyLength(m);
                }
                writers.add(new Thread(() -> {
                    for (int m = 0; m < messages; m++) {
                        int len = bodyLength(m);
                        ByteBuffer header = ByteBuffer.allocate(12).putInt(id).putInt(m).putInt(len).flip();
                        ByteBuffer body = ByteBuffer.allocateDirect(len);
                        for (int i = 0; i < len; i++) {
                            body.put((byte) (id * 31 + m));
                        }
                        c.write(new ByteBuffer[] {header, body.flip()}, null);
                    }
                }, "gather-writer-" + t));
            }
            writers.forEach(Thread::start);
            for (Thread w : writers) {
                w.join();
            }
            ByteBuffer all = ByteBuffer.wrap(client.awaitBytes((int) expected));
            int[] nextSeq = new int[threads];
            while (all.hasRemaining()) {
                int id = all.getInt();
                int seq = all.getInt();
                int len = all.getInt();
                assertEquals(nextSeq[id]++, seq, "per-thread order of thread " + id);
                assertEquals(bodyLength(seq), len);
                for (int i = 0; i < len; i++) {
                    assertEquals((byte) (id * 31 + seq), all.get(), "body of " + id + "/" + seq);
                }
            }
            for (int t = 0; t < threads; t++) {
                assertEquals(messages, nextSeq[t]);
            }
        }
    }

    private static int bodyLength(int m) {
        return (m * 7919) % 3000;
    }

    @Test
    void suspendReadingStopsDeliveryAndResumeReadingDeliversTheRest() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        CountDownLatch firstData = new CountDownLatch(1);
        RecordingHandler serverSide = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                super.onData(data);
                firstData.countDown();
            }
        };
        try (Acceptor server = listen(accepted, c -> serverSide)) {
            Connection c = connect(server, new RecordingHandler());
            Connection s = accepted.poll(10, TimeUnit.SECONDS);
            Payloads.await(Payloads.writeChunked(c, new byte[] {1, 2, 3}, 3));
            serverSide.awaitBytes(3);
            s.suspendReading();
            int callsBefore = serverSide.dataCalls.get();
            byte[] more = Payloads.random(100_000, 7);
            Payloads.await(Payloads.writeChunked(c, more, 10_000));
            // The loop stops selecting input once it sees some while suspended; nothing can be read after that.
            NioConnection suspended = (NioConnection) s;
            RecordingHandler.awaitTrue(() -> !suspended.selectsReading(),
                    "input seen while suspended stops the selecting of input");
            assertEquals(callsBefore, serverSide.dataCalls.get(), "onData while suspended");
            assertEquals(3, serverSide.size());
            s.resumeReading();
            byte[] got = serverSide.awaitBytes(3 + more.length);
            assertArrayEquals(more, java.util.Arrays.copyOfRange(got, 3, got.length));
        }
    }

    @Test
    void peerThatStopsReadingGrowsQueuedBytesAndOnWritableFiresAfterItResumes() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler serverSide = new RecordingHandler();
        try (Acceptor server = listen(accepted, c -> {
            c.suspendReading();
            return serverSide;
        })) {
            RecordingHandler client = new RecordingHandler();
            Connection c = connect(server, client);
            Connection s = accepted.poll(10, TimeUnit.SECONDS);
            assertNotNull(s);
            byte[] chunk = Payloads.random(64 * 1024, 3);
            long written = 0;
            // The kernel buffers absorb a few MiB; past that, bytes must pile up in our queue, not vanish.
            while (c.queuedBytes() <= reactor.writeWaterMarks().high() && written < 512L * 1024 * 1024) {
                c.write(new ByteBuffer[] {ByteBuffer.wrap(chunk)}, null);
                written += chunk.length;
            }
            assertTrue(c.queuedBytes() > reactor.writeWaterMarks().high(), "queued " + c.queuedBytes());
            assertEquals(0, client.writableCalls.get());
            s.resumeReading();
            serverSide.awaitBytes((int) written);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (client.writableCalls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, client.writableCalls.get());
            assertEquals(0, c.queuedBytes());
        }
    }

    @Test
    void closeFlushesEverythingQueuedThenClosesBothSides() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler serverSide = new RecordingHandler();
        try (Acceptor server = listen(accepted, c -> serverSide)) {
            RecordingHandler client = new RecordingHandler();
            Connection c = connect(server, client);
            byte[] payload = Payloads.random(8 * 1024 * 1024, 11);
            CompletableFuture<Void> written = Payloads.writeChunked(c, payload, 256 * 1024);
            c.close();
            assertTrue(!c.isOpen());
            assertArrayEquals(payload, serverSide.awaitBytes(payload.length));
            serverSide.awaitClosed();
            assertNull(serverSide.closeCause, "the server saw a clean EOF");
            client.awaitClosed();
            assertNull(client.closeCause);
            Payloads.await(written);
            CompletableFuture<Void> late = Payloads.writeChunked(c, new byte[] {1}, 1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> Payloads.await(late));
            assertInstanceOf(IOException.class, e.getCause());
        }
    }

    @Test
    void abortDropsQueuedWritesAndFailsTheirCallbacks() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler serverSide = new RecordingHandler();
        try (Acceptor server = listen(accepted, c -> {
            c.suspendReading();
            return serverSide;
        })) {
            RecordingHandler client = new RecordingHandler();
            Connection c = connect(server, client);
            Connection s = accepted.poll(10, TimeUnit.SECONDS);
            byte[] chunk = new byte[64 * 1024];
            List<CompletableFuture<Void>> writes = new ArrayList<>();
            while (c.queuedBytes() < 4L * 1024 * 1024) {
                CompletableFuture<Void> f = new CompletableFuture<>();
                c.write(new ByteBuffer[] {ByteBuffer.wrap(chunk)}, Payloads.callback(f));
                writes.add(f);
            }
            c.abort();
            c.abort();
            client.awaitClosed();
            assertEquals(1, client.closeCalls.get());
            assertEquals(0, c.queuedBytes());
            CompletableFuture<Void> last = writes.get(writes.size() - 1);
            ExecutionException e = assertThrows(ExecutionException.class, () -> Payloads.await(last));
            assertInstanceOf(IOException.class, e.getCause());
            s.resumeReading();
            serverSide.awaitClosed();
            assertTrue(serverSide.size() < writes.size() * (long) chunk.length, "queued bytes were dropped");
        }
    }

    /**
     * A session sends while holding its frame sender's lock, and its onClosed takes the session's other locks,
     * which other threads hold while they wait for that sender: a close reported from inside the write would
     * deadlock the two (seen as a session left open with its threads stuck after a load run).
     */
    @Test
    void aWriteThatMeetsAResetReportsTheCloseFromTheLoopNotFromInsideTheWrite() throws Exception {
        try (ServerSocket peer = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Thread writer = Thread.currentThread();
            java.util.concurrent.atomic.AtomicReference<Thread> reportedOn = new java.util.concurrent.atomic.AtomicReference<>();
            RecordingHandler handler = new RecordingHandler() {
                @Override
                public void onClosed(IOException cause) {
                    reportedOn.set(Thread.currentThread());
                    super.onClosed(cause);
                }
            };
            Connection c = Payloads.await(reactor.connect((InetSocketAddress) peer.getLocalSocketAddress(), 10_000));
            c.suspendReading();   // the loop must not meet the reset by reading: only the write does
            c.setHandler(handler);
            try (java.net.Socket accepted = peer.accept()) {
                accepted.setSoLinger(true, 0);   // close with RST
            }
            IOException failure = null;
            for (int i = 0; i < 1000 && failure == null; i++) {
                CompletableFuture<Void> write = new CompletableFuture<>();
                c.write(new ByteBuffer[] {ByteBuffer.wrap(new byte[] {1})}, Payloads.callback(write));
                assertTrue(write.isDone(), "a one-byte write to an empty socket queue completes or fails at once");
                if (write.isCompletedExceptionally()) {
                    failure = assertThrows(ExecutionException.class, write::get).getCause() instanceof IOException io
                            ? io : null;
                }
            }
            assertNotNull(failure, "no write met the reset");
            handler.awaitClosed();
            assertEquals(1, handler.closeCalls.get());
            assertTrue(reportedOn.get() != writer, "onClosed ran on the writer's thread, inside write()");
            assertTrue(!c.isOpen());
        }
    }

    @Test
    void handlerThatThrowsKillsOnlyItsOwnConnection() throws Exception {
        try (Acceptor server = listen(new LinkedBlockingQueue<>(), c -> new RecordingHandler() {
            {
                echoTo = c;
            }

            @Override
            public void onData(ByteBuffer data) {
                if (data.get(data.position()) == 'X') {
                    throw new IllegalStateException("bad input (expected by the test)");
                }
                super.onData(data);
            }
        })) {
            RecordingHandler bad = new RecordingHandler();
            RecordingHandler good = new RecordingHandler();
            Connection badConn = connect(server, bad);
            Connection goodConn = connect(server, good);
            Payloads.writeChunked(goodConn, new byte[] {'a'}, 1);
            good.awaitBytes(1);
            Payloads.writeChunked(badConn, new byte[] {'X'}, 1);
            bad.awaitClosed();
            assertEquals(0, bad.size());
            Payloads.writeChunked(goodConn, new byte[] {'b', 'c'}, 2);
            assertArrayEquals(new byte[] {'a', 'b', 'c'}, good.awaitBytes(3));
            assertTrue(goodConn.isOpen());
            // and the same selector threads still accept and serve new connections
            RecordingHandler later = new RecordingHandler();
            Connection laterConn = connect(server, later);
            Payloads.writeChunked(laterConn, new byte[] {'z'}, 1);
            assertArrayEquals(new byte[] {'z'}, later.awaitBytes(1));
        }
    }

    @Test
    void refusedConnectFailsWithConnectExceptionNamingTheAddress() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        InetSocketAddress address = new InetSocketAddress(InetAddress.getLoopbackAddress(), port);
        ExecutionException e = assertThrows(ExecutionException.class,
                () -> reactor.connect(address, 5_000).get(30, TimeUnit.SECONDS));
        assertInstanceOf(ConnectException.class, e.getCause());
        assertTrue(e.getCause().getMessage().contains(String.valueOf(port)), e.getCause().getMessage());
    }

    @Test
    void connectThatGetsNoAnswerTimesOutWithSocketTimeoutExceptionNamingTheAddress() throws Exception {
        // A listener whose accept queue is full drops further SYNs, so the connect neither completes nor fails.
        try (ServerSocketChannel full = ServerSocketChannel.open()) {
            full.bind(ANY_LOOPBACK, 1);
            InetSocketAddress address = (InetSocketAddress) full.getLocalAddress();
            List<SocketChannel> fillers = new ArrayList<>();
            try {
                for (int i = 0; i < 8; i++) {
                    SocketChannel f = SocketChannel.open();
                    f.configureBlocking(false);
                    f.connect(address);
                    fillers.add(f);
                }
                Thread.sleep(200);
                ExecutionException e = assertThrows(ExecutionException.class,
                        () -> reactor.connect(address, 300).get(30, TimeUnit.SECONDS));
                assertInstanceOf(SocketTimeoutException.class, e.getCause());
                assertTrue(e.getCause().getMessage().contains(String.valueOf(address.getPort())),
                        e.getCause().getMessage());
            } finally {
                for (SocketChannel f : fillers) {
                    f.close();
                }
            }
        }
    }

    @Test
    void closingTheReactorClosesConnectionsAndStopsEveryThread() throws Exception {
        NioReactor r = new NioReactor("nio-closing", 3);
        r.start();
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler serverSide = new RecordingHandler();
        Acceptor server = r.listen(ANY_LOOPBACK, 16, c -> {
            c.setHandler(serverSide);
            accepted.add(c);
        });
        RecordingHandler client = new RecordingHandler();
        Connection c = Payloads.await(r.connect(server.localAddress(), 5_000));
        c.setHandler(client);
        CountDownLatch timerRan = new CountDownLatch(1);
        c.schedule(timerRan::countDown, 1, TimeUnit.MILLISECONDS);
        assertTrue(timerRan.await(10, TimeUnit.SECONDS));
        c.schedule(() -> { }, 1, TimeUnit.HOURS);
        assertNotNull(accepted.poll(10, TimeUnit.SECONDS));
        r.close();
        client.awaitClosed();
        serverSide.awaitClosed();
        // Whichever end its loop closed first reports the shutdown; the other may just have read EOF first.
        assertTrue(client.closeCause != null || serverSide.closeCause != null);
        assertEquals(1, client.closeCalls.get());
        assertTrue(!c.isOpen());
        assertNoThreadsNamed("nio-closing-");
        r.close();   // idempotent
    }

    @Test
    void connectionReportsAddressesAndIsNotSecure() throws Exception {
        BlockingQueue<Connection> accepted = new LinkedBlockingQueue<>();
        try (Acceptor server = listen(accepted, c -> new RecordingHandler())) {
            Connection c = connect(server, new RecordingHandler());
            Connection s = accepted.poll(10, TimeUnit.SECONDS);
            assertEquals(server.localAddress(), c.remoteAddress());
            assertEquals(c.localAddress(), s.remoteAddress());
            assertTrue(!c.isSecure());
            assertNull(c.sslSession());
        }
    }
}
