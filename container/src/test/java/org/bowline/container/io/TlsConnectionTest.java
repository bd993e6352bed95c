package org.bowline.container.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLEngineResult;
import javax.net.ssl.SSLEngineResult.HandshakeStatus;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TlsConnectionTest {

    private static final InetSocketAddress ANY_LOOPBACK = new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);

    @TempDir
    static Path keys;
    private static TestTls tls;

    private NioReactor reactor;

    @BeforeAll
    static void certificate() throws Exception {
        tls = TestTls.create(keys);
    }

    @BeforeEach
    void start() {
        reactor = new NioReactor("tls-test", 2);
        reactor.start();
    }

    @AfterEach
    void stop() {
        reactor.close();
        NioReactorTest.assertNoThreadsNamed("tls-test-");
    }

    /** A TLS echo server over the reactor; accepted TLS connections and their engines land in the queue. */
    private Acceptor tlsEchoServer(String protocol, BlockingQueue<SSLEngine> engines,
                                   BlockingQueue<RecordingHandler> handlers) throws Exception {
        return reactor.listen(ANY_LOOPBACK, 64, c -> {
            SSLEngine engine = tls.serverEngine(protocol);
            TlsConnection t = new TlsConnection(c, engine);
            RecordingHandler h = new RecordingHandler();
            h.echoTo = t;
            t.setHandler(h);
            engines.add(engine);
            handlers.add(h);
        });
    }

    @ParameterizedTest(name = "{0}, {1} bytes in writes of {2}")
    @CsvSource({
        "TLSv1.3, 1, 1", "TLSv1.3, 100000, 1000", "TLSv1.3, 8388608, 65536", "TLSv1.3, 8388608, 8388608",
        "TLSv1.2, 1, 1", "TLSv1.2, 100000, 1000", "TLSv1.2, 8388608, 65536", "TLSv1.2, 8388608, 8388608"
    })
    void tlsEchoOverSocketsThenCloseNotify(String protocol, int size, int chunk) throws Exception {
        BlockingQueue<SSLEngine> serverEngines = new LinkedBlockingQueue<>();
        BlockingQueue<RecordingHandler> serverHandlers = new LinkedBlockingQueue<>();
        try (Acceptor server = tlsEchoServer(protocol, serverEngines, serverHandlers)) {
            Connection socket = Payloads.await(reactor.connect(server.localAddress(), 10_000));
            TlsConnection client = new TlsConnection(socket, tls.clientEngine(protocol));
            RecordingHandler received = new RecordingHandler();
            byte[] payload = Payloads.random(size, size + chunk);
            // written before the handshake even starts: must wait for it, then go out in order
            CompletableFuture<Void> written = Payloads.writeChunked(client, payload, chunk);
            client.setHandler(received);
            assertArrayEquals(payload, received.awaitBytes(size));
            Payloads.await(written);
            assertTrue(client.isSecure());
            assertEquals(protocol, client.sslSession().getProtocol());

            client.close();
            RecordingHandler serverSide = serverHandlers.poll(10, TimeUnit.SECONDS);
            serverSide.awaitClosed();
            assertNull(serverSide.closeCause);
            assertTrue(serverEngines.poll().isInboundDone(), "the server received close_notify");
            received.awaitClosed();
            assertNull(received.closeCause);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourServerTalksToTheJdkSslSocketClient(String protocol) throws Exception {
        try (Acceptor server = tlsEchoServer(protocol, new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>());
             SSLSocket socket = (SSLSocket) tls.client.getSocketFactory()
                     .createSocket(InetAddress.getLoopbackAddress(), server.localAddress().getPort())) {
            socket.setEnabledProtocols(new String[] {protocol});
            socket.setSoTimeout(30_000);
            byte[] payload = Payloads.random(1_000_000, 5);
            Thread writer = new Thread(() -> {
                try {
                    OutputStream out = socket.getOutputStream();
                    out.write(payload);
                    out.flush();
                } catch (Exception e) {
                    throw new AssertionError(e);
                }
            });
            writer.start();
            byte[] back = new byte[payload.length];
            new DataInputStream(socket.getInputStream()).readFully(back);
            writer.join();
            assertArrayEquals(payload, back);
            assertEquals(protocol, socket.getSession().getProtocol());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"TLSv1.3", "TLSv1.2"})
    void ourClientTalksToTheJdkSslServerSocketAndSendsCloseNotify(String protocol) throws Exception {
        try (SSLServerSocket listener = (SSLServerSocket) tls.server.getServerSocketFactory()
                .createServerSocket(0, 8, InetAddress.getLoopbackAddress())) {
            listener.setEnabledProtocols(new String[] {protocol});
            CompletableFuture<Integer> afterEcho = new CompletableFuture<>();
            Thread echo = new Thread(() -> {
                try (SSLSocket s = (SSLSocket) listener.accept()) {
                    s.setSoTimeout(30_000);
                    InputStream in = s.getInputStream();
                    OutputStream out = s.getOutputStream();
                    byte[] buf = new byte[16384];
                    int total = 0;
                    int n;
                    while (total < 300_000 && (n = in.read(buf)) > 0) {
                        out.write(buf, 0, n);
                        total += n;
                    }
                    out.flush();
                    afterEcho.complete(in.read());   // -1 once our close_notify arrives
                } catch (Exception e) {
                    afterEcho.completeExceptionally(e);
                }
            });
            echo.start();
            Connection socket = Payloads.await(reactor.connect(
                    (InetSocketAddress) listener.getLocalSocketAddress(), 10_000));
            TlsConnection client = new TlsConnection(socket, tls.clientEngine(protocol));
            RecordingHandler received = new RecordingHandler();
            client.setHandler(received);
            byte[] payload = Payloads.random(300_000, 9);
            Payloads.writeChunked(client, payload, 7000);
            assertArrayEquals(payload, received.awaitBytes(payload.length));
            client.close();
            assertEquals(-1, Payloads.await(afterEcho));
            received.awaitClosed();
            echo.join();
        }
    }

    @ParameterizedTest(name = "records arriving {0} bytes at a time")
    @ValueSource(ints = {1, 5, 16384, 65536})
    void recordsSplitOrMergedAnyWayAreReassembled(int chunk) throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair(chunk, WriteWaterMarks.DEFAULT);
        TlsConnection server = new TlsConnection(pair[0], tls.serverEngine("TLSv1.3"));
        TlsConnection client = new TlsConnection(pair[1], tls.clientEngine("TLSv1.3"));
        RecordingHandler serverSide = new RecordingHandler();
        serverSide.echoTo = server;
        RecordingHandler clientSide = new RecordingHandler();
        server.setHandler(serverSide);
        client.setHandler(clientSide);
        byte[] payload = Payloads.random(chunk < 16 ? 40_000 : 1_000_000, chunk);
        Payloads.await(Payloads.writeChunked(client, payload, 3000));
        assertArrayEquals(payload, clientSide.awaitBytes(payload.length));
        client.close();
        serverSide.awaitClosed();
        clientSide.awaitClosed();
        assertNull(serverSide.closeCause);
    }

    @Test
    void applicationDataInTheSamePacketAsTheClientFinishedIsDelivered() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        TlsConnection server = new TlsConnection(pair[0], tls.serverEngine("TLSv1.3"));
        RecordingHandler serverSide = new RecordingHandler();
        server.setHandler(serverSide);
        BlockingQueue<byte[]> fromServer = new LinkedBlockingQueue<>();
        pair[1].setHandler(new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                byte[] b = new byte[data.remaining()];
                data.get(b);
                fromServer.add(b);
            }
        });
        SSLEngine engine = tls.clientEngine("TLSv1.3");
        engine.beginHandshake();
        ByteBuffer out = ByteBuffer.allocate(64 * 1024);
        ByteBuffer in = ByteBuffer.allocate(64 * 1024);
        ByteBuffer plain = ByteBuffer.allocate(64 * 1024);
        in.flip();
        byte[] hello = "first words".getBytes(StandardCharsets.US_ASCII);
        boolean sent = false;
        while (!sent) {
            HandshakeStatus hs = engine.getHandshakeStatus();
            switch (hs) {
                case NEED_TASK -> engine.getDelegatedTask().run();
                case NEED_WRAP -> {
                    SSLEngineResult r = engine.wrap(ByteBuffer.allocate(0), out);
                    if (r.getHandshakeStatus() == HandshakeStatus.FINISHED) {
                        // Finished and the first application record leave as one write, one delivery.
                        engine.wrap(ByteBuffer.wrap(hello), out);
                        sent = true;
                    }
                    if (sent || engine.getHandshakeStatus() != HandshakeStatus.NEED_WRAP) {
                        pair[1].write(new ByteBuffer[] {ByteBuffer.wrap(Arrays.copyOf(out.array(), out.position()))}, null);
                        out.clear();
                    }
                }
                case NEED_UNWRAP -> {
                    SSLEngineResult r = engine.unwrap(in, plain);
                    if (r.getStatus() == SSLEngineResult.Status.BUFFER_UNDERFLOW) {
                        byte[] more = fromServer.poll(30, TimeUnit.SECONDS);
                        assertNotNull(more, "server flight");
                        in.compact().put(more).flip();
                    }
                }
                default -> throw new AssertionError("unexpected " + hs);
            }
        }
        assertArrayEquals(hello, serverSide.awaitBytes(hello.length));
        pair[1].abort();
        serverSide.awaitClosed();
    }

    @Test
    void untrustedCertificateFailsTheHandshakeAndTheWrites() throws Exception {
        try (Acceptor server = tlsEchoServer("TLSv1.3", new LinkedBlockingQueue<>(), new LinkedBlockingQueue<>())) {
            Connection socket = Payloads.await(reactor.connect(server.localAddress(), 10_000));
            TlsConnection client = new TlsConnection(socket, TestTls.untrustingClientEngine());
            RecordingHandler received = new RecordingHandler();
            CompletableFuture<Void> written = Payloads.writeChunked(client, new byte[] {1, 2, 3}, 3);
            client.setHandler(received);
            received.awaitClosed();
            assertInstanceOf(SSLException.class, received.closeCause);
            ExecutionException e = assertThrows(ExecutionException.class, () -> Payloads.await(written));
            assertInstanceOf(java.io.IOException.class, e.getCause());
            assertEquals(0, received.size());
            assertTrue(!client.isOpen());
        }
    }

    @Test
    void slowTlsReaderBuildsBackpressureThenOnWritableAndEveryByteArrives() throws Exception {
        BlockingQueue<TlsConnection> accepted = new LinkedBlockingQueue<>();
        RecordingHandler serverSide = new RecordingHandler();
        try (Acceptor server = reactor.listen(ANY_LOOPBACK, 16, c -> {
            TlsConnection t = new TlsConnection(c, tls.serverEngine("TLSv1.3"));
            t.setHandler(serverSide);
            accepted.add(t);
        })) {
            Connection socket = Payloads.await(reactor.connect(server.localAddress(), 10_000));
            TlsConnection client = new TlsConnection(socket, tls.clientEngine("TLSv1.3"));
            RecordingHandler clientSide = new RecordingHandler();
            client.setHandler(clientSide);
            Payloads.await(Payloads.writeChunked(client, new byte[] {7}, 1));
            serverSide.awaitBytes(1);
            TlsConnection s = accepted.poll(10, TimeUnit.SECONDS);
            s.suspendReading();
            byte[] chunk = Payloads.random(64 * 1024, 1);
            long written = 1;
            while (client.queuedBytes() <= WriteWaterMarks.DEFAULT.high() && written < 512L * 1024 * 1024) {
                client.write(new ByteBuffer[] {ByteBuffer.wrap(chunk)}, null);
                written += chunk.length;
            }
            assertTrue(client.queuedBytes() > WriteWaterMarks.DEFAULT.high());
            // a few more, which must stay as plaintext in our queue rather than grow packet memory
            for (int i = 0; i < 16; i++) {
                client.write(new ByteBuffer[] {ByteBuffer.wrap(chunk)}, null);
                written += chunk.length;
            }
            assertEquals(0, clientSide.writableCalls.get());
            s.resumeReading();
            byte[] got = serverSide.awaitBytes((int) written);
            assertEquals(written, got.length);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (clientSide.writableCalls.get() == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, clientSide.writableCalls.get());
            for (int off = 1; off < got.length; off += chunk.length) {
                assertArrayEquals(chunk, Arrays.copyOfRange(got, off, off + chunk.length), "at " + off);
            }
        }
    }

    @Test
    void suspendInsideOnDataKeepsTheRestOfTheRecordsUntilResume() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        TlsConnection server = new TlsConnection(pair[0], tls.serverEngine("TLSv1.2"));
        TlsConnection client = new TlsConnection(pair[1], tls.clientEngine("TLSv1.2"));
        RecordingHandler serverSide = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                super.onData(data);
                if (dataCalls.get() == 1) {
                    server.suspendReading();
                }
            }
        };
        server.setHandler(serverSide);
        client.setHandler(new RecordingHandler());
        // many small records written at once, so several arrive in one transport read
        byte[] all = Payloads.random(50 * 100, 2);
        for (int i = 0; i < 50; i++) {
            client.write(new ByteBuffer[] {ByteBuffer.wrap(all, i * 100, 100)}, null);
        }
        serverSide.awaitBytes(100);
        Thread.sleep(300);
        assertEquals(1, serverSide.dataCalls.get(), "onData after suspendReading");
        server.resumeReading();
        assertArrayEquals(all, serverSide.awaitBytes(all.length));
    }

    /**
     * The client's handshake reader suspends inside onData when the 101 arrives, and the server's first
     * frame may have come in the same transport read: resuming must deliver those kept records and then
     * read the transport again, or nothing the peer sends later (its close frame) is ever seen.
     */
    @Test
    void resumeAfterSuspendInsideOnDataDeliversTheKeptRecordsThenReadsOn() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        ReadWatchingConnection transport = new ReadWatchingConnection(pair[0]);
        TlsConnection server = new TlsConnection(transport, tls.serverEngine("TLSv1.3"));
        TlsConnection client = new TlsConnection(pair[1], tls.clientEngine("TLSv1.3"));
        RecordingHandler serverSide = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                if (dataCalls.get() == 0) {
                    server.suspendReading();
                }
                super.onData(data);
            }
        };
        CountDownLatch readWithDataDone = new CountDownLatch(1);
        transport.afterOnData(() -> {
            if (serverSide.dataCalls.get() > 0) {
                readWithDataDone.countDown();
            }
        });
        server.setHandler(serverSide);
        // Written before the client's handshake starts, so they leave as records in one packet: the
        // server reads them in one go and suspends after the first, keeping the rest undecrypted.
        byte[] first = Payloads.random(10 * 100, 3);
        for (int i = 0; i < 10; i++) {
            client.write(new ByteBuffer[] {ByteBuffer.wrap(first, i * 100, 100)}, null);
        }
        client.setHandler(new RecordingHandler());
        assertTrue(readWithDataDone.await(RecordingHandler.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(100, serverSide.size(), "delivered before the suspension took hold");
        server.resumeReading();
        assertArrayEquals(first, serverSide.awaitBytes(first.length));

        byte[] later = Payloads.random(100, 4);
        client.write(new ByteBuffer[] {ByteBuffer.wrap(later)}, null);
        byte[] all = serverSide.awaitBytes(first.length + later.length);
        assertArrayEquals(later, Arrays.copyOfRange(all, first.length, all.length));
    }

    /**
     * TlsConnection resumes its transport after leaving its lock (a transport may read, and deliver, inside
     * resumeReading), so a suspendReading from another thread can fall between its decision and the call: the
     * transport then reads while the TLS layer is suspended. The first read that arrives so must suspend the
     * transport again, so the peer is held back by TCP backpressure rather than piling up undecrypted here;
     * resuming delivers everything.
     */
    @Test
    void aSuspendRacingTheTransportsResumeIsRestoredByTheNextRead() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        ReadWatchingConnection transport = new ReadWatchingConnection(pair[0]);
        TlsConnection server = new TlsConnection(transport, tls.serverEngine("TLSv1.3"));
        TlsConnection client = new TlsConnection(pair[1], tls.clientEngine("TLSv1.3"));
        RecordingHandler serverSide = new RecordingHandler();
        byte[] hello = Payloads.random(100, 5);
        CountDownLatch helloRead = new CountDownLatch(1);
        transport.afterOnData(() -> {
            if (serverSide.size() >= hello.length) {
                helloRead.countDown();
            }
        });
        server.setHandler(serverSide);
        client.setHandler(new RecordingHandler());
        client.write(new ByteBuffer[] {ByteBuffer.wrap(hello)}, null);
        assertTrue(helloRead.await(RecordingHandler.WAIT_SECONDS, TimeUnit.SECONDS));

        server.suspendReading();
        // The race, played on this thread: the resume has been decided and the lock left when another
        // thread's suspend runs to its end; only then does the resume reach the transport.
        transport.beforeNextResume(server::suspendReading);
        server.resumeReading();
        assertFalse(transport.readingSuspended(), "the transport reads while the TLS layer is suspended");

        CountDownLatch nextRead = new CountDownLatch(1);
        transport.afterOnData(nextRead::countDown);
        byte[] more = Payloads.random(10 * 100, 6);
        for (int i = 0; i < 10; i++) {
            client.write(new ByteBuffer[] {ByteBuffer.wrap(more, i * 100, 100)}, null);
        }
        assertTrue(nextRead.await(RecordingHandler.WAIT_SECONDS, TimeUnit.SECONDS));
        assertEquals(hello.length, serverSide.size(), "delivered while suspended");
        assertTrue(transport.readingSuspended(), "the read that came while suspended suspended the transport again");
        byte[] evenMore = Payloads.random(1000, 7);
        client.write(new ByteBuffer[] {ByteBuffer.wrap(evenMore)}, null);
        // Queued at the peer: as ciphertext in our suspended transport, or as plaintext behind its packets
        // in flight, which complete only once we read them.
        assertTrue(client.queuedBytes() >= evenMore.length, "what the peer sends now waits for us to read");

        server.resumeReading();
        byte[] all = serverSide.awaitBytes(hello.length + more.length + evenMore.length);
        assertArrayEquals(more, Arrays.copyOfRange(all, hello.length, hello.length + more.length));
        assertArrayEquals(evenMore, Arrays.copyOfRange(all, hello.length + more.length, all.length));
    }

    /**
     * Two resumes decided while nothing was kept both reach the transport late: the first to arrive brings a
     * read while the TLS layer is suspended again, whose records are kept, and the next resume drains them on
     * the timer thread. The other late resume then lets the transport read during that drain. Its bytes must
     * wait for the drain (onData never runs on two threads at once) and follow what it delivers, in order.
     */
    @Test
    void aLateResumeLandingWhileKeptRecordsDrainNeverDeliversAlongsideTheDrain() throws Exception {
        MemoryConnection[] pair = MemoryConnection.pair();
        ReadWatchingConnection transport = new ReadWatchingConnection(pair[0]);
        TlsConnection server = new TlsConnection(transport, tls.serverEngine("TLSv1.3"));
        TlsConnection client = new TlsConnection(pair[1], tls.clientEngine("TLSv1.3"));
        java.util.concurrent.atomic.AtomicInteger inside = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicBoolean overlapped = new java.util.concurrent.atomic.AtomicBoolean();
        CountDownLatch drainInside = new CountDownLatch(1);
        CountDownLatch drainMayGoOn = new CountDownLatch(1);
        java.util.concurrent.atomic.AtomicBoolean holdNextDelivery = new java.util.concurrent.atomic.AtomicBoolean();
        RecordingHandler serverSide = new RecordingHandler() {
            @Override
            public void onData(ByteBuffer data) {
                if (inside.incrementAndGet() > 1) {
                    overlapped.set(true);
                }
                try {
                    if (holdNextDelivery.compareAndSet(true, false)) {
                        drainInside.countDown();
                        await(drainMayGoOn);
                    }
                    super.onData(data);
                } finally {
                    inside.decrementAndGet();
                }
            }
        };
        byte[] hello = Payloads.random(100, 8);
        CountDownLatch helloRead = new CountDownLatch(1);
        transport.afterOnData(() -> {
            if (serverSide.size() >= hello.length) {
                helloRead.countDown();   // and the read that brought it is over: no resume of its own is due
            }
        });
        server.setHandler(serverSide);
        client.setHandler(new RecordingHandler());
        client.write(new ByteBuffer[] {ByteBuffer.wrap(hello)}, null);
        await(helloRead);
        java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
        transport.afterOnData(reads::incrementAndGet);

        byte[] first = Payloads.random(1000, 9);
        byte[] second = Payloads.random(1000, 10);
        java.util.concurrent.atomic.AtomicInteger readsBeforeA1 = new java.util.concurrent.atomic.AtomicInteger();
        server.suspendReading();
        transport.beforeNextResume(() -> {
            // Resume A2, decided while resume A1 (below) is on its way to the transport.
            transport.beforeNextResume(server::suspendReading);   // and a suspend comes before A2 gets there
            int before = reads.get();
            client.write(new ByteBuffer[] {ByteBuffer.wrap(first)}, null);
            server.resumeReading();
            // A2's read: kept, the TLS layer being suspended
            RecordingHandler.awaitTrue(() -> reads.get() > before, "timed out");
            assertEquals(hello.length, serverSide.size(), "delivered while suspended");
            holdNextDelivery.set(true);
            server.resumeReading();   // drains the kept records on the timer thread, held inside onData
            await(drainInside);
            client.write(new ByteBuffer[] {ByteBuffer.wrap(second)}, null);
            readsBeforeA1.set(reads.get());
        });
        server.resumeReading();   // A1 reaches the transport now, in the middle of the drain
        RecordingHandler.awaitTrue(() -> reads.get() > readsBeforeA1.get(), "timed out");   // the read A1 let in
        drainMayGoOn.countDown();

        byte[] all = serverSide.awaitBytes(hello.length + first.length + second.length);
        assertFalse(overlapped.get(), "onData ran on two threads at once");
        assertArrayEquals(first, Arrays.copyOfRange(all, hello.length, hello.length + first.length));
        assertArrayEquals(second, Arrays.copyOfRange(all, hello.length + first.length, all.length));
        // and reading goes on afterwards
        byte[] third = Payloads.random(100, 11);
        client.write(new ByteBuffer[] {ByteBuffer.wrap(third)}, null);
        assertArrayEquals(third, Arrays.copyOfRange(serverSide.awaitBytes(all.length + third.length), all.length,
                all.length + third.length));
    }

    private static void await(CountDownLatch latch) {
        try {
            assertTrue(latch.await(RecordingHandler.WAIT_SECONDS, TimeUnit.SECONDS), "timed out");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
