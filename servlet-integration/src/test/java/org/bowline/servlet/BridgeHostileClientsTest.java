package org.bowline.servlet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.zip.Deflater;

import jakarta.servlet.ServletContext;
import jakarta.websocket.server.ServerContainer;

import org.bowline.container.io.QueueBudget;
import org.bowline.container.server.BowlineServerContainer;
import org.bowline.container.server.conformance.WireClient;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.SessionWorkerPool;
import org.bowline.servlet.app.EchoApplication;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;

/**
 * The hostile clients the standalone server survives, against Bowline served through the servlet
 * bridge (issue 13, item 8): many clients that never read, many slow readers, many ping flooders,
 * header bombs, absurd frame headers, a deflate bomb, garbage, a reset flood and a slowloris. One
 * subclass per container. After every attack an honest client is served, and no session, queued byte
 * or busy session thread is left behind. Short forms sized for CI; each prints its figures.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@Timeout(value = 120, unit = TimeUnit.SECONDS)
abstract class BridgeHostileClientsTest {

    private static final int MESSAGE = 64 * 1024;
    /** The web application's queue budget: far below what 64 sessions' own limits would allow. */
    private static final long BUDGET = 4L << 20;
    private static final long RECOVERY_SECONDS = 20;
    /**
     * CPU time per second the whole test JVM may spend while it holds peers that keep sending: a host
     * that keeps dispatching reads Bowline does not take costs about a core (Tomcat did, 940-1,180 ms).
     */
    private static final long HELD_CPU_MILLIS_PER_SECOND = 300;
    /**
     * {@code -Dbowline.hostile.scale=N} multiplies the number of attackers of each kind (the long form;
     * the build runs 1).
     */
    private static final int SCALE = Math.max(1, Integer.getInteger("bowline.hostile.scale", 1));

    private final String name;
    private ServletHost host;
    private int port;
    private BowlineServerContainer container;
    private QueueBudget budget;
    private SessionWorkerPool sessionThreads;
    private final ExecutorService clientThreads = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "hostile-client");
        t.setDaemon(true);
        return t;
    });
    private final List<WireClient> clients = Collections.synchronizedList(new ArrayList<>());

    protected BridgeHostileClientsTest(String name) {
        this.name = name;
    }

    /** A fresh host; {@code idleTimeoutMillis > 0} sets its connector's idle (read) timeout. */
    abstract ServletHost newHost(long idleTimeoutMillis);

    /** The host's setting that bounds a silent connection, as the README names it. */
    abstract String idleTimeoutSetting();

    @BeforeAll
    void start() throws Exception {
        host = newHost(-1);
        port = host.start(List.of(new ServletHost.WebApp("", Set.of(EchoApplication.class),
                Map.of(ContextLimits.PREFIX + "queueBudgetBytes", Long.toString(BUDGET)))));
        ServletContext context = host.servletContext("");
        container = (BowlineServerContainer) context.getAttribute(ServerContainer.class.getName());
        budget = (QueueBudget) context.getAttribute(QueueBudget.class.getName());
        assertNotNull(budget, "the application publishes its queue budget as a context attribute");
        assertEquals(BUDGET, budget.limit(), "the context init parameter sets the budget");
        sessionThreads = (SessionWorkerPool) container.executor();
    }

    @AfterAll
    void stop() throws Exception {
        clientThreads.shutdownNow();
        if (host != null) {
            host.stop();
        }
    }

    /** After each attack: the attackers gone, an honest client is served and nothing is left behind. */
    @AfterEach
    void nothingIsLeftBehind() throws Exception {
        resetClients();
        honestRoundTrips(5);
        awaitTrue(() -> container.allOpenSessions().isEmpty(), () -> "sessions left open: "
                + container.allOpenSessions().size());
        awaitTrue(() -> budget.heldBytes() == 0, () -> "bytes still held: " + budget);
        awaitTrue(() -> sessionThreads.activeCount() == 0, () -> "session threads still busy: "
                + sessionThreads.activeCount() + " of " + sessionThreads.workers());
        budget.resetPeak();
    }

    // ---- many peers that do not read ---------------------------------------------------------------

    @Test
    void sixtyFourClientsThatNeverReadHoldNoMoreThanTheBudget() throws Exception {
        int attackers = 64 * SCALE;
        AtomicLong sent = new AtomicLong();
        byte[] frame = WireClient.frame(true, 0, WireClient.BINARY, new byte[MESSAGE]);
        for (int i = 0; i < attackers; i++) {
            WireClient c = open(8 * 1024);
            clientThreads.execute(() -> writeForever(c, frame, sent));
        }
        // Until the kernel's buffers are full the server's queues stay empty; wait for the budget to bite.
        awaitTrue(() -> budget.peakBytes() > BUDGET, () -> "the attack never filled the budget: " + budget);
        long during = honestRoundTrips(50);
        long stoppedAt = awaitSteady(sent);
        long[] cpu = processCpuMillisPerSecond(3);
        long leastCpu = Arrays.stream(cpu).min().getAsLong();
        long peak = budget.peakBytes();
        print(attackers + " clients that never read: sent " + (stoppedAt >> 20) + " MiB before the server stopped reading"
                + " them; peak held " + peak + " bytes (budget " + BUDGET + "); honest echo max " + during
                + " ms during; session threads " + sessionThreads.workers() + "; process CPU in three 1 s windows"
                + " with them held: " + Arrays.toString(cpu) + " ms");
        // Past the budget a session with a backlog takes at most one more message each way (QueueBudget).
        long bound = BUDGET + attackers * 3L * (MESSAGE + 16);
        assertTrue(peak <= bound, "held " + peak + " bytes, bound " + bound + ": " + budget);
        SessionLimits limits = container.limitsForNewSession();
        assertTrue(peak < attackers * (limits.maxOutboundQueuedBytes() + limits.maxInboundPendingBytes()),
                "the per-session limits alone would allow this much: " + budget);
        // The least of three windows: holding peers costs this every second, a JIT or GC burst only in one.
        assertTrue(leastCpu < HELD_CPU_MILLIS_PER_SECOND, "holding " + attackers + " peers that keep sending cost "
                + Arrays.toString(cpu) + " ms of CPU per second (bound " + HELD_CPU_MILLIS_PER_SECOND
                + "): the host keeps dispatching reads that Bowline does not take");
    }

    @Test
    void manySlowReadersGetEveryEchoWithinTheBudget() throws Exception {
        int readers = 16 * SCALE;
        int messages = 24;
        List<Future<?>> done = new ArrayList<>();
        for (int i = 0; i < readers; i++) {
            WireClient c = open(8 * 1024);
            c.setTimeout(30_000);
            byte[][] sent = new byte[messages][];
            for (int m = 0; m < messages; m++) {
                sent[m] = new byte[MESSAGE];
                new Random(i * 1000L + m).nextBytes(sent[m]);
            }
            clientThreads.execute(() -> {
                try {
                    for (byte[] m : sent) {
                        c.send(WireClient.BINARY, m);
                    }
                } catch (IOException e) {
                    // the reader below reports the missing echoes
                }
            });
            done.add(clientThreads.submit(() -> {
                for (byte[] m : sent) {
                    Thread.sleep(15);   // a slow reader: about 4 MiB/s, slower than it sends
                    c.expectEcho(WireClient.BINARY, m);
                }
                return null;
            }));
        }
        long during = honestRoundTrips(20);
        for (Future<?> f : done) {
            f.get(60, TimeUnit.SECONDS);
        }
        long peak = budget.peakBytes();
        print(readers + " slow readers, " + messages + " x 64 KiB echoes each, all received in order; peak held "
                + peak + " bytes (budget " + BUDGET + "); honest echo max " + during + " ms during");
        long bound = BUDGET + readers * 3L * (MESSAGE + 16);
        assertTrue(peak <= bound, "held " + peak + " bytes, bound " + bound + ": " + budget);
    }

    @Test
    void pingFloodersAreAnsweredOrStoppedWithinTheBudget() throws Exception {
        int pings = 100_000;
        int readingFlooders = SCALE;
        int silentFlooders = 4 * SCALE;
        AtomicLong silentSent = new AtomicLong();
        byte[] silentBatch = pingBatch(0, 1000, 125);
        for (int i = 0; i < silentFlooders; i++) {
            WireClient c = open(8 * 1024);
            clientThreads.execute(() -> writeForever(c, silentBatch, silentSent));
        }
        List<Future<Long>> answered = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < readingFlooders; i++) {
            WireClient c = open(0);
            c.setTimeout(30_000);
            clientThreads.execute(() -> {
                try {
                    for (int seq = 0; seq < pings; seq += 1000) {
                        c.sendRaw(pingBatch(seq, 1000, 4));
                    }
                } catch (IOException e) {
                    // the reader reports the missing pongs
                }
            });
            answered.add(clientThreads.submit(() -> readPongsUpTo(c, pings - 1)));
        }
        long during = honestRoundTrips(20);
        long pongs = 0;
        for (Future<Long> f : answered) {
            pongs += f.get(60, TimeUnit.SECONDS);
        }
        long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
        long silentStoppedAt = awaitSteady(silentSent);
        long peak = budget.peakBytes();
        print(readingFlooders + " flooders x " + pings + " pings answered with " + pongs + " pongs in " + millis
                + " ms; " + silentFlooders + " flooders that never read sent " + (silentStoppedAt >> 10)
                + " KiB of pings before the server stopped reading them; peak held " + peak + " bytes; honest echo"
                + " max " + during + " ms during");
        long bound = BUDGET + (readingFlooders + silentFlooders) * 3L * (MESSAGE + 16);
        assertTrue(peak <= bound, "held " + peak + " bytes, bound " + bound + ": " + budget);
    }

    // ---- one bad request or frame ------------------------------------------------------------------

    @Test
    void headerBombsAreRefusedBeforeAnUpgrade() throws Exception {
        String manyHeaders = "X-Bomb: " + "b".repeat(90) + "\r\n";
        List<String> outcomes = new ArrayList<>();
        for (String extra : List.of(manyHeaders.repeat(1000), "X-Bomb: " + "b".repeat(64 * 1024) + "\r\n",
                "Sec-WebSocket-Protocol: " + "p,".repeat(32 * 1024) + "p\r\n")) {
            String outcome;
            try {
                RawHttp.Response response = RawHttp.upgrade(port, "/echo", "Sec-WebSocket-Version: 13\r\n" + extra);
                assertNotEquals(101, response.status(), response.head());
                assertTrue(response.status() >= 400 && response.status() < 500, response.head());
                outcome = Integer.toString(response.status());
            } catch (IOException e) {
                // The host may cut the connection while the bomb is still being written.
                outcome = "closed (" + e.getMessage() + ")";
            }
            outcomes.add(outcome);
        }
        print("header bombs (100 KiB of headers, one 64 KiB header, 64 KiB of subprotocols): " + outcomes);
    }

    @Test
    void aFrameHeaderAnnouncing2To63BytesFails1009AtTheHeader() throws Exception {
        try (WireClient c = open(0)) {
            c.sendRaw(frameHeader(WireClient.BINARY, Long.MAX_VALUE));
            c.expectFailure(1009);
        }
    }

    @Test
    void aOneGibibyteMessageFails1009() throws Exception {
        try (WireClient c = open(0)) {
            c.sendRaw(frameHeader(WireClient.BINARY, 1L << 30));
            c.expectFailure(1009);
        }
        // The same gibibyte in 64 KiB fragments fails once the message passes its limit.
        try (WireClient c = open(0)) {
            AtomicLong sent = new AtomicLong();
            byte[] first = WireClient.frame(false, 0, WireClient.BINARY, new byte[MESSAGE]);
            byte[] more = WireClient.frame(false, 0, WireClient.CONTINUATION, new byte[MESSAGE]);
            clientThreads.execute(() -> {
                try {
                    c.sendRaw(first);
                    for (long n = MESSAGE; n < 1L << 30; n += MESSAGE) {
                        c.sendRaw(more);
                        sent.addAndGet(MESSAGE);
                    }
                } catch (IOException e) {
                    // failed by the server, as it should be
                }
            });
            c.expectFailure(1009);
            print("a 1 GiB message in 64 KiB fragments failed with 1009 after about " + (sent.get() >> 10) + " KiB");
        }
    }

    @Test
    void aDeflateBombFails1009() throws Exception {
        try (WireClient c = WireClient.open(port, "/echo", "permessage-deflate", 0)) {
            assertTrue(String.valueOf(c.header("sec-websocket-extensions")).contains("permessage-deflate"),
                    "permessage-deflate negotiated");
            byte[] bomb = deflated(new byte[64 << 20]);
            c.send(true, WireClient.RSV1, WireClient.BINARY, bomb);
            c.expectFailure(1009);
            print("deflate bomb: " + bomb.length + " bytes inflating to 64 MiB failed with 1009");
        }
    }

    @Test
    void garbageAfterTheUpgradeFails1002() throws Exception {
        byte[] garbage = new byte[4096];
        new Random(13).nextBytes(garbage);
        garbage[0] = (byte) 0xF3;   // FIN, all three reserved bits and a reserved opcode
        try (WireClient c = open(0)) {
            c.sendRaw(garbage);
            c.expectFailure(1002);
        }
    }

    // ---- floods of connections ----------------------------------------------------------------------

    @Test
    void aResetFloodLeavesNothingBehind() throws Exception {
        int connections = 2000 * SCALE;
        byte[] request = ("GET /echo HTTP/1.1\r\nHost: 127.0.0.1:" + port + "\r\nUpgrade: websocket\r\n"
                + "Connection: Upgrade\r\n").getBytes(StandardCharsets.ISO_8859_1);
        byte[] partialFrame = java.util.Arrays.copyOf(WireClient.frame(true, 0, WireClient.BINARY, new byte[1000]), 300);
        long start = System.nanoTime();
        List<Future<?>> workers = new ArrayList<>();
        for (int w = 0; w < 8; w++) {
            int worker = w;
            workers.add(clientThreads.submit(() -> {
                for (int i = worker; i < connections; i += 8) {
                    switch (i % 3) {
                        case 0 -> {   // reset inside the upgrade request
                            try (java.net.Socket s = new java.net.Socket("127.0.0.1", port)) {
                                s.getOutputStream().write(request);
                                s.setSoLinger(true, 0);
                            }
                        }
                        case 1 -> WireClient.open(port, "/echo", null, 0).reset();   // right after the 101
                        default -> {   // inside a frame
                            WireClient c = WireClient.open(port, "/echo", null, 0);
                            c.sendRaw(partialFrame);
                            c.reset();
                        }
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : workers) {
            f.get(90, TimeUnit.SECONDS);
        }
        print(connections + " connections reset (in the request, after the 101, inside a frame) in "
                + TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start) + " ms");
    }

    /**
     * 200 connections trickling an upgrade request. The request head is the host's to read: Bowline
     * sees it only once it is complete. A trickle slower than the host's idle timeout is cut by it;
     * the README's table says what a faster one gets.
     */
    @Test
    void aSlowlorisSlowerThanTheHostsIdleTimeoutIsCutByTheHost() throws Exception {
        ServletHost strict = newHost(1_000);
        int strictPort = strict.start(List.of(new ServletHost.WebApp("", Set.of(EchoApplication.class))));
        List<SocketChannel> trickling = new ArrayList<>();
        try {
            int threadsBefore = threads();
            for (int i = 0; i < 200; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", strictPort));
                channel.configureBlocking(false);
                trickling.add(channel);
            }
            byte[] head = "GET /echo HTTP/1.1\r\nHost: x\r\nUpgrade: websocket\r\n".getBytes(StandardCharsets.US_ASCII);
            long start = System.nanoTime();
            int threadsMax = threadsBefore;
            int open = trickling.size();
            // One byte every 2 s per connection, twice the idle timeout: each is cut within a few trickles.
            for (int b = 0; open > 0 && b < 10; b++) {
                open = 0;
                for (SocketChannel channel : trickling) {
                    if (trickle(channel, head[b % head.length])) {
                        open++;
                    }
                }
                threadsMax = Math.max(threadsMax, threads());
                if (open > 0) {
                    Thread.sleep(2_000);
                }
            }
            print("slowloris, 200 connections at 1 byte / 2 s against " + idleTimeoutSetting() + " = 1 s: "
                    + open + " still open after " + TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - start)
                    + " s; JVM threads " + threadsBefore + " -> at most " + threadsMax);
            assertEquals(0, open, "trickling connections the host did not cut");
        } finally {
            for (SocketChannel channel : trickling) {
                channel.close();
            }
            strict.stop();
        }
    }

    /**
     * The same trickle, four times faster than the host's default read timeout, on the main host: the
     * host keeps those connections (its read timeout is not a total deadline), which must cost no
     * session threads and must not hold up an honest client.
     */
    @Test
    void aSlowlorisWithinTheHostsDefaultTimeoutCostsNoSessionThreads() throws Exception {
        List<SocketChannel> trickling = new ArrayList<>();
        try {
            int threadsBefore = threads();
            for (int i = 0; i < 200; i++) {
                SocketChannel channel = SocketChannel.open(new InetSocketAddress("127.0.0.1", port));
                channel.configureBlocking(false);
                trickling.add(channel);
            }
            byte[] head = "GET /echo HTTP/1.1\r\nHost: x\r\n".getBytes(StandardCharsets.US_ASCII);
            int open = 0;
            int threadsMax = threadsBefore;
            for (int b = 0; b < 8; b++) {
                open = 0;
                for (SocketChannel channel : trickling) {
                    if (trickle(channel, head[b % head.length])) {
                        open++;
                    }
                }
                threadsMax = Math.max(threadsMax, threads());
                Thread.sleep(500);
            }
            long during = honestRoundTrips(10);
            print("slowloris, 200 connections at 1 byte / 500 ms with the host's default " + idleTimeoutSetting()
                    + ": " + open + " still open after 4 s; JVM threads " + threadsBefore + " -> at most " + threadsMax
                    + "; Bowline sessions " + container.allOpenSessions().size() + "; honest echo max " + during + " ms");
            // The honest client's own session may still be finishing its close on a session thread; the
            // trickling connections stay open meanwhile, so a thread one of them held would stay busy.
            awaitTrue(() -> sessionThreads.activeCount() == 0, () -> "session threads busy for requests not yet"
                    + " upgraded: " + sessionThreads.activeCount());
        } finally {
            for (SocketChannel channel : trickling) {
                channel.close();
            }
        }
    }

    /**
     * CPU time the whole test JVM (server and clients) spends in each of {@code windows} consecutive
     * seconds of wall time. A window longer than a second (a busy machine may oversleep) is scaled to one.
     */
    private static long[] processCpuMillisPerSecond(int windows) throws InterruptedException {
        var os = (com.sun.management.OperatingSystemMXBean) java.lang.management.ManagementFactory
                .getOperatingSystemMXBean();
        long[] millis = new long[windows];
        for (int i = 0; i < windows; i++) {
            long wallBefore = System.nanoTime();
            long before = os.getProcessCpuTime();
            Thread.sleep(1000);
            long cpu = os.getProcessCpuTime() - before;
            long wall = System.nanoTime() - wallBefore;
            millis[i] = TimeUnit.NANOSECONDS.toMillis(cpu * TimeUnit.SECONDS.toNanos(1) / wall);
        }
        return millis;
    }

    private static int threads() {
        return java.lang.management.ManagementFactory.getThreadMXBean().getThreadCount();
    }

    /** Writes one byte and drains what the server sent; false once the server has closed the connection. */
    private static boolean trickle(SocketChannel channel, byte b) {
        try {
            ByteBuffer in = ByteBuffer.allocate(4096);
            int n;
            while ((n = channel.read(in)) > 0) {
                in.clear();   // a 408 or 400 the host sends before closing
            }
            if (n < 0) {
                return false;
            }
            channel.write(ByteBuffer.wrap(new byte[] {b}));
            return true;
        } catch (IOException reset) {
            return false;
        }
    }

    // ---- helpers ------------------------------------------------------------------------------------

    private WireClient open(int receiveBuffer) throws IOException {
        WireClient c = WireClient.open(port, "/echo", null, receiveBuffer);
        clients.add(c);
        return c;
    }

    private void resetClients() {
        synchronized (clients) {
            for (WireClient c : clients) {
                try {
                    c.reset();
                } catch (IOException e) {
                    // already gone
                }
            }
            clients.clear();
        }
    }

    private static void writeForever(WireClient c, byte[] bytes, AtomicLong sent) {
        try {
            while (true) {
                c.sendRaw(bytes);
                sent.addAndGet(bytes.length);
            }
        } catch (IOException e) {
            // reset by the test
        }
    }

    /** Echo round trips of an honest client; the slowest, in milliseconds. */
    private long honestRoundTrips(int count) throws IOException {
        long slowest = 0;
        try (WireClient honest = WireClient.open(port, "/echo", null, 0)) {
            for (int i = 0; i < count; i++) {
                byte[] payload = ("honest " + i).getBytes(StandardCharsets.UTF_8);
                long start = System.nanoTime();
                honest.send(WireClient.BINARY, payload);
                honest.expectEcho(WireClient.BINARY, payload);
                slowest = Math.max(slowest, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
            }
            byte[] large = new byte[MESSAGE];
            new Random(7).nextBytes(large);
            honest.send(WireClient.BINARY, large);
            honest.expectEcho(WireClient.BINARY, large);
            honest.closeNormally();
        }
        return slowest;
    }

    /** Waits until {@code counter} stops growing (the server stopped reading); returns its value. */
    private static long awaitSteady(AtomicLong counter) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        long last = -1;
        while (counter.get() != last && System.nanoTime() < deadline) {
            last = counter.get();
            Thread.sleep(500);
        }
        assertEquals(last, counter.get(), "the server kept reading from clients that do not read");
        return last;
    }

    private static void awaitTrue(BooleanSupplier condition, java.util.function.Supplier<String> failure)
            throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RECOVERY_SECONDS);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertTrue(condition.getAsBoolean(), failure);
    }

    /** Reads pongs until the one for ping {@code last}; returns how many arrived. */
    private static long readPongsUpTo(WireClient c, int last) throws IOException {
        long count = 0;
        int previous = -1;
        while (true) {
            WireClient.Frame f = c.readFrame();
            assertEquals(WireClient.PONG, f.opcode(), () -> "expected a pong, got " + f);
            int seq = ByteBuffer.wrap(f.payload()).getInt();
            assertTrue(seq > previous, "pongs out of order: " + seq + " after " + previous);
            previous = seq;
            count++;
            if (seq == last) {
                return count;
            }
        }
    }

    /** {@code count} masked pings numbered from {@code first}, each with {@code size} bytes (at least 4). */
    private static byte[] pingBatch(int first, int count, int size) {
        ByteArrayOutputStream all = new ByteArrayOutputStream();
        for (int i = 0; i < count; i++) {
            byte[] payload = new byte[size];
            ByteBuffer.wrap(payload).putInt(first + i);
            all.writeBytes(WireClient.frame(true, 0, WireClient.PING, payload));
        }
        return all.toByteArray();
    }

    /** A masked frame header announcing {@code length} payload bytes, with no payload. */
    private static byte[] frameHeader(int opcode, long length) {
        ByteBuffer header = ByteBuffer.allocate(14);
        header.put((byte) (0x80 | opcode)).put((byte) (0x80 | 127)).putLong(length).putInt(0x01020304);
        return header.array();
    }

    /** permessage-deflate payload of {@code data}: raw deflate, sync-flushed, without its 00 00 FF FF tail. */
    private static byte[] deflated(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION, true);
        deflater.setInput(data);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[64 * 1024];
        int n;
        while ((n = deflater.deflate(buffer, 0, buffer.length, Deflater.SYNC_FLUSH)) > 0) {
            out.write(buffer, 0, n);
        }
        deflater.end();
        byte[] bytes = out.toByteArray();
        return java.util.Arrays.copyOf(bytes, bytes.length - 4);
    }

    private void print(String figures) {
        System.out.println("BridgeHostileClientsTest[" + name + "]: " + figures);
    }
}
