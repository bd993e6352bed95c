package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.stream.Collectors;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.io.WriteWaterMarks;
import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.Test;

/**
 * Many connections on loopback to a standalone server, exchanging sequence-numbered messages with an echo
 * endpoint (text and binary, some fragmented, some permessage-deflate compressed), while seeded faults hit
 * some of them mid-traffic: clients that vanish mid-frame, stop reading, send garbage, send 1,000 pings,
 * close in the middle of a fragmented message, or make the endpoint throw.
 *
 * <p>Checks: every message a well-behaved client sent came back exactly once and in order (the client
 * compares each echo with what it sent); each bad connection ended with the right close code; the server's
 * queued bytes stayed under its budgets; afterwards no session, connection, queued byte, thread, file
 * descriptor or heap remains beyond the starting level. One summary line is printed.
 *
 * <p>The short form runs in the build. {@code -Dbowline.fault.long=true} runs the long form (thousands of
 * connections); {@code -Dbowline.fault.seed=N} replays a seed (the summary line and any failure print it).
 * Nothing here asserts on time: waits are bounded and generous, and a wait that runs out is a failure.
 */
class LoadAndFaultTest {

    enum Fault { VANISH_MID_FRAME, STOP_READING, GARBAGE, PING_FLOOD, CLOSE_MID_FRAGMENT, ENDPOINT_THROWS }

    /** How big a run is. */
    record Shape(int connections, int rounds, int workers) {
    }

    private static final Shape SHORT = new Shape(300, 6, 24);
    private static final Shape LONG = new Shape(3000, 12, 64);
    private static final Shape WARM_UP = new Shape(30, 3, 4);
    private static final long DEFAULT_SEED = 20261206L;

    private static final int MAX_MESSAGE = 64 << 10;
    private static final long OUTBOUND_LIMIT = 128 << 10;
    private static final long INBOUND_LIMIT = 128 << 10;
    private static final long BUDGET = 1L << 20;
    /** What a client that stops reading tries to send before it is done trying. */
    private static final int STOP_READER_BYTES = 8 << 20;
    private static final int SOCKET_TIMEOUT_MILLIS = 60_000;
    private static final long SETTLE_MILLIS = 60_000;
    /** After GC, the heap may differ from its starting level by this much (class loading, JIT, buffers pooled by the JDK). */
    private static final long HEAP_TOLERANCE = 32L << 20;
    /**
     * File descriptors the JDK may open during the first run in a JVM and keep: /dev/random and /dev/urandom
     * (SecureRandom) and one socket were seen. Later runs must end with exactly the descriptors they began with.
     */
    private static final int FIRST_RUN_FD_TOLERANCE = 8;
    private static final String DEFLATE_OFFER =
            "Sec-WebSocket-Extensions: permessage-deflate; client_no_context_takeover; server_no_context_takeover\r\n";

    // ---- the server's side: an echo endpoint that throws when asked to, and counts what it saw ----

    static final AtomicLong RECEIVED = new AtomicLong();
    static final AtomicLong THROWN = new AtomicLong();
    static final AtomicLong PARTIALS_DELIVERED = new AtomicLong();
    /** Requests from the clients that stopped reading: the only binary messages of exactly MAX_MESSAGE bytes. */
    static final AtomicLong STOP_READER_BYTES_READ = new AtomicLong();
    /** Close code to how many sessions the endpoint saw end with it. */
    static final Map<Integer, AtomicLong> SERVER_CLOSES = new java.util.concurrent.ConcurrentHashMap<>();

    /** Echoes every whole message; "THROW" makes it throw, and its onError then closes with 1011 as an application would. */
    public static final class FaultyEcho extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, text -> {
                RECEIVED.incrementAndGet();
                if (text.startsWith("THROW")) {
                    throw new IllegalStateException("fault injected: " + text);
                }
                if (text.startsWith("PARTIAL")) {
                    PARTIALS_DELIVERED.incrementAndGet();
                }
                echo(session, () -> session.getBasicRemote().sendText(text));
            });
            session.addMessageHandler(ByteBuffer.class, data -> {
                RECEIVED.incrementAndGet();
                if (data.remaining() == MAX_MESSAGE) {
                    STOP_READER_BYTES_READ.addAndGet(MAX_MESSAGE);
                }
                echo(session, () -> session.getBasicRemote().sendBinary(data));
            });
        }

        private static void echo(Session session, IoAction send) {
            try {
                send.run();
            } catch (IOException e) {
                // The peer vanished or its session closed while the echo waited: there is no one to echo to.
            }
        }

        @Override
        public void onClose(Session session, CloseReason reason) {
            SERVER_CLOSES.computeIfAbsent(reason.getCloseCode().getCode(), k -> new AtomicLong()).incrementAndGet();
        }

        @Override
        public void onError(Session session, Throwable thr) {
            if (thr instanceof IllegalStateException && String.valueOf(thr.getMessage()).startsWith("fault injected")) {
                THROWN.incrementAndGet();
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.UNEXPECTED_CONDITION, "endpoint failed"));
                } catch (IOException e) {
                    // already closing
                }
            }
        }
    }

    interface IoAction {
        void run() throws IOException;
    }

    // ---- the run ----

    /** What all clients saw, added up. */
    static final class Tally {
        final AtomicLong sent = new AtomicLong();
        final AtomicLong delivered = new AtomicLong();
        final AtomicLong lost = new AtomicLong();
        final AtomicLong duplicated = new AtomicLong();
        final AtomicLong reordered = new AtomicLong();
        final AtomicLong corrupted = new AtomicLong();
        final AtomicLong pongs = new AtomicLong();
        final Map<Fault, AtomicLong> faults = new EnumMap<>(Fault.class);
        final List<String> problems = java.util.Collections.synchronizedList(new ArrayList<>());

        Tally() {
            for (Fault f : Fault.values()) {
                faults.put(f, new AtomicLong());
            }
        }

        void problem(String what) {
            if (problems.size() < 50) {
                problems.add(what);
            }
        }
    }

    @Test
    void manyConnectionsWithFaultsLoseNothingAndLeakNothing() throws Exception {
        boolean longForm = Boolean.getBoolean("bowline.fault.long");
        long seed = Long.getLong("bowline.fault.seed", DEFAULT_SEED);
        // A small run first, so that what the JDK opens once and keeps (the SecureRandom device files, for
        // one) is part of the measured run's baseline, which then allows no extra descriptor at all.
        run(WARM_UP, seed, "warm-up", FIRST_RUN_FD_TOLERANCE);
        run(longForm ? LONG : SHORT, seed, longForm ? "long form" : "short form", 0);
    }

    private static void run(Shape shape, long seed, String form, int fdTolerance) throws Exception {
        System.out.println("LoadAndFaultTest " + form + ": " + shape + ", seed " + seed
                + " (replay with -Dbowline.fault.seed=" + seed + ")");
        RECEIVED.set(0);
        THROWN.set(0);
        PARTIALS_DELIVERED.set(0);
        SERVER_CLOSES.clear();
        STOP_READER_BYTES_READ.set(0);

        Baseline before = Baseline.take();
        long startNanos = System.nanoTime();
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(MAX_MESSAGE, MAX_MESSAGE)
                .withQueues(OUTBOUND_LIMIT, INBOUND_LIMIT);
        BowlineServer server = BowlineServer.builder().port(0).limits(limits).queueBudget(BUDGET)
                .maxConnections(shape.connections() + 100).maxHandshakes(shape.connections() + 100).build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(FaultyEcho.class, "/echo").build());
        server.start();
        try {
            exercise(server, shape, seed, form, fdTolerance, before, startNanos);
        } finally {
            server.stop(); // again, if a check failed before the planned stop: stopping twice is harmless
        }
    }

    private static void exercise(BowlineServer server, Shape shape, long seed, String form, int fdTolerance,
                                 Baseline before, long startNanos) throws Exception {
        Tally tally = new Tally();
        Random plan = new Random(seed);
        List<Peer> peers = new ArrayList<>();
        for (int i = 0; i < shape.connections(); i++) {
            Fault fault = plan.nextInt(100) < 30 ? Fault.values()[plan.nextInt(Fault.values().length)] : null;
            int faultRound = 1 + plan.nextInt(shape.rounds() - 1);
            peers.add(new Peer(i, fault, faultRound, plan.nextBoolean(), new Random(seed * 31 + i), tally));
        }

        ExecutorService workers = Executors.newFixedThreadPool(shape.workers(), r -> {
            Thread t = new Thread(r, "fault-test-client");
            t.setDaemon(true);
            return t;
        });
        int held;
        long budgetPeak;
        try {
            runAll(workers, shape, peers, p -> p.connect(server.port()));
            held = awaitOpenSessions(server, shape.connections());
            for (int round = 0; round < shape.rounds(); round++) {
                int r = round;
                runAll(workers, shape, peers, p -> p.round(r));
            }
            runAll(workers, shape, peers, Peer::finish);
        } finally {
            workers.shutdownNow();
            assertTrue(workers.awaitTermination(SETTLE_MILLIS, TimeUnit.MILLISECONDS), "client threads did not stop");
            for (Peer p : peers) {
                p.abort();
            }
        }
        budgetPeak = server.queueBudget().peakBytes();

        // The endpoint saw each session end with the code its client's script calls for.
        Map<Integer, Long> expectedCloses = peers.stream().collect(Collectors.groupingBy(Peer::expectedServerClose,
                java.util.TreeMap::new, Collectors.counting()));
        await(() -> closesSeen().values().stream().mapToLong(Long::longValue).sum() >= shape.connections());
        Map<Integer, Long> serverCloses = closesSeen();

        // Leaks inside the running server: every session and connection ends, nothing stays queued.
        List<String> leaks = new ArrayList<>();
        if (!await(() -> server.container().allOpenSessions().isEmpty() && server.openConnections() == 0
                && server.queueBudget().heldBytes() == 0)) {
            leaks.add("server still has " + server.container().allOpenSessions().size() + " sessions, "
                    + server.openConnections() + " connections, " + server.queueBudget().heldBytes() + " queued bytes");
            printStacks(before.newThreadObjects());   // what the server's threads are stuck in, while they still are
        }
        server.stop();
        // Leaks after stop: threads, file descriptors and heap back to where they were before the server started.
        Set<String> newThreads = Set.of();
        if (!await(() -> before.newThreads().isEmpty())) {
            newThreads = before.newThreads();
            leaks.add("threads left: " + newThreads);
            printStacks(before.newThreadObjects());
        }
        if (!await(() -> Baseline.openFileDescriptors() <= before.fds + fdTolerance)) {
            leaks.add("file descriptors: " + before.fds + " before, " + Baseline.openFileDescriptors() + " after");
        }
        long heapAfter = Baseline.usedHeapAfterGc();
        if (heapAfter > before.heap + HEAP_TOLERANCE) {
            leaks.add("heap: " + mib(before.heap) + " before, " + mib(heapAfter) + " after GC");
        }

        int faulty = (int) peers.stream().filter(p -> p.fault != null).count();
        // QueueBudget's promise: past the budget, only a session whose queues were empty may still take one
        // message each way. Here only the sessions a worker is exchanging with and the faulty ones send at all.
        long budgetBound = BUDGET + (long) (shape.workers() + faulty) * (MAX_MESSAGE + WriteWaterMarks.DEFAULT.high());
        String faults = tally.faults.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue())
                .collect(Collectors.joining(", ", "{", "}"));
        System.out.printf("LOAD-AND-FAULT %s seed=%d connections=%d held=%d messages sent=%d delivered=%d"
                        + " (server received %d) faults=%s lost=%d duplicated=%d reordered=%d corrupted=%d"
                        + " leaks=%d server closes %s | new fds %s, pongs %d, read from stop-readers %s of %s tried,"
                        + " queued peak %s (budget %s, bound %s),"
                        + " threads +%d, fds %d->%d, heap %s->%s, %.1f s%n",
                form, seed, shape.connections(), held, tally.sent.get(), tally.delivered.get(), RECEIVED.get(),
                faults, tally.lost.get(), tally.duplicated.get(), tally.reordered.get(), tally.corrupted.get(),
                leaks.size(), serverCloses, before.newFileDescriptors(), tally.pongs.get(),
                mib(STOP_READER_BYTES_READ.get()), mib(tally.faults.get(Fault.STOP_READING).get() * STOP_READER_BYTES),
                mib(budgetPeak),
                mib(BUDGET), mib(budgetBound), newThreads.size(), before.fds(), Baseline.openFileDescriptors(),
                mib(before.heap()), mib(heapAfter), (System.nanoTime() - startNanos) / 1e9);

        String context = "seed " + seed + "; problems: " + tally.problems + "; leaks: " + leaks;
        assertEquals(shape.connections(), held, "connections held at once; " + context);
        assertEquals(List.of(), tally.problems, context);
        assertEquals(0, tally.lost.get(), "lost; " + context);
        assertEquals(0, tally.duplicated.get(), "duplicated; " + context);
        assertEquals(0, tally.reordered.get(), "reordered; " + context);
        assertEquals(0, tally.corrupted.get(), "corrupted; " + context);
        assertEquals(List.of(), leaks, context);
        assertEquals(expectedCloses, serverCloses, "close codes the endpoint saw; " + context);
        assertEquals(tally.faults.get(Fault.ENDPOINT_THROWS).get(), THROWN.get(), "endpoint throws; " + context);
        assertEquals(0, PARTIALS_DELIVERED.get(), "a message closed mid-fragment was delivered; " + context);
        assertTrue(budgetPeak <= budgetBound, "queued peak " + budgetPeak + " over " + budgetBound + "; " + context);
        assertTrue(tally.delivered.get() > 0 && tally.delivered.get() == tally.sent.get(), context);
    }

    private static Map<Integer, Long> closesSeen() {
        Map<Integer, Long> seen = new java.util.TreeMap<>();
        SERVER_CLOSES.forEach((code, count) -> seen.put(code, count.get()));
        return seen;
    }

    interface PeerStep {
        void run(Peer peer) throws Exception;
    }

    /** Runs one step for every peer, each worker taking its own peers in turn, and waits for all. */
    private static void runAll(ExecutorService workers, Shape shape, List<Peer> peers, PeerStep step) throws Exception {
        List<Callable<Void>> tasks = new ArrayList<>();
        for (int w = 0; w < shape.workers(); w++) {
            int first = w;
            tasks.add(() -> {
                for (int i = first; i < peers.size(); i += shape.workers()) {
                    Peer peer = peers.get(i);
                    try {
                        step.run(peer);
                    } catch (Exception e) {
                        peer.tally.problem("peer " + peer.index + " (" + peer.describe() + "): " + e);
                        peer.abort();
                    }
                }
                return null;
            });
        }
        for (Future<Void> f : workers.invokeAll(tasks)) {
            f.get();
        }
    }

    private static int awaitOpenSessions(BowlineServer server, int expected) throws InterruptedException {
        await(() -> server.container().allOpenSessions().size() >= expected);
        return server.container().allOpenSessions().size();
    }

    /** Polls until the condition holds or {@link #SETTLE_MILLIS} pass; says which. */
    private static boolean await(BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(SETTLE_MILLIS);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(20);
        }
        return true;
    }

    /** Each thread's stack, the lock it waits for and its owner, and the monitors it holds: enough to see a deadlock. */
    private static void printStacks(List<Thread> threads) {
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        for (Thread t : threads) {
            java.lang.management.ThreadInfo info = mx.getThreadInfo(new long[] {t.getId()}, true, true)[0];
            if (info == null) {
                continue;   // ended meanwhile
            }
            System.out.println("LOAD-AND-FAULT thread " + info.getThreadName() + " " + info.getThreadState()
                    + (info.getLockName() == null ? "" : " on " + info.getLockName() + " owned by " + info.getLockOwnerName()));
            StackTraceElement[] stack = info.getStackTrace();
            for (int i = 0; i < stack.length; i++) {
                System.out.println("    at " + stack[i]);
                for (java.lang.management.MonitorInfo m : info.getLockedMonitors()) {
                    if (m.getLockedStackDepth() == i) {
                        System.out.println("      - locked " + m);
                    }
                }
            }
            for (java.lang.management.LockInfo l : info.getLockedSynchronizers()) {
                System.out.println("    holds " + l);
            }
        }
    }

    private static String mib(long bytes) {
        return String.format("%.1f MiB", bytes / 1048576.0);
    }

    /** Threads, file descriptors and heap before the run. */
    record Baseline(Set<Long> threads, int fds, List<String> fdTargets, long heap) {
        static Baseline take() throws InterruptedException {
            return new Baseline(threadIds(), openFileDescriptors(), fileDescriptorTargets(), usedHeapAfterGc());
        }

        Set<String> newThreads() {
            return newThreadObjects().stream().map(Thread::getName).collect(Collectors.toSet());
        }

        List<Thread> newThreadObjects() {
            return Thread.getAllStackTraces().keySet().stream()
                    .filter(t -> t.isAlive() && !threads.contains(t.getId())).collect(Collectors.toList());
        }

        static Set<Long> threadIds() {
            return Thread.getAllStackTraces().keySet().stream().map(Thread::getId).collect(Collectors.toSet());
        }

        /** What the descriptors opened since the baseline point to (sockets, pipes, files). */
        List<String> newFileDescriptors() {
            List<String> targets = fileDescriptorTargets();
            targets.removeAll(fdTargets);
            return targets;
        }

        static List<String> fileDescriptorTargets() {
            List<String> targets = new ArrayList<>();
            File[] now = new File("/proc/self/fd").listFiles();
            for (File f : now == null ? new File[0] : now) {
                try {
                    targets.add(java.nio.file.Files.readSymbolicLink(f.toPath()).toString());
                } catch (IOException e) {
                    // closed meanwhile
                }
            }
            return targets;
        }

        static int openFileDescriptors() {
            String[] fds = new File("/proc/self/fd").list();
            return fds == null ? 0 : fds.length;
        }

        static long usedHeapAfterGc() throws InterruptedException {
            Runtime rt = Runtime.getRuntime();
            long used = Long.MAX_VALUE;
            for (int i = 0; i < 4; i++) {
                System.gc();
                Thread.sleep(50);
                used = Math.min(used, rt.totalMemory() - rt.freeMemory());
            }
            return used;
        }
    }

    // ---- the client's side ----

    /** One connection and its script: normal exchanges, one fault at its round (if it has one), then a close. */
    static final class Peer {
        final int index;
        final Fault fault;
        final int faultRound;
        final boolean offerDeflate;
        final Random random;
        final Tally tally;
        private Socket socket;
        private RawClient raw;
        private boolean deflate;
        private boolean done;
        private long nextSeq;
        private long expectedSeq;
        private Thread stopReader;

        Peer(int index, Fault fault, int faultRound, boolean offerDeflate, Random random, Tally tally) {
            this.index = index;
            this.fault = fault;
            this.faultRound = faultRound;
            this.offerDeflate = offerDeflate;
            this.random = random;
            this.tally = tally;
        }

        /** The close code the server's endpoint must report for this connection. */
        int expectedServerClose() {
            if (fault == null) {
                return 1000;
            }
            return switch (fault) {
                case VANISH_MID_FRAME, STOP_READING -> 1006; // gone without a close frame
                case GARBAGE -> 1002;
                case ENDPOINT_THROWS -> 1011;
                case PING_FLOOD, CLOSE_MID_FRAGMENT -> 1000;
            };
        }

        String describe() {
            return (fault == null ? "well-behaved" : fault + " at round " + faultRound)
                    + (deflate ? ", deflate" : "") + ", next seq " + nextSeq + ", expected echo " + expectedSeq;
        }

        void connect(int port) throws IOException {
            socket = new Socket();
            if (fault == Fault.STOP_READING) {
                // A small window, so that what the server cannot send stays in the server, not in kernel buffers.
                socket.setReceiveBufferSize(8 << 10);
            }
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", port), SOCKET_TIMEOUT_MILLIS);
            raw = RawClient.handshake(new RawClient(socket), port, "/echo", offerDeflate ? DEFLATE_OFFER : "");
            raw.setTimeout(SOCKET_TIMEOUT_MILLIS);
            deflate = raw.responseHead().contains("permessage-deflate");
            if (offerDeflate != deflate) {
                throw new IOException("permessage-deflate offered " + offerDeflate + " but agreed " + deflate
                        + ": " + raw.responseHead());
            }
        }

        void round(int round) throws Exception {
            if (done) {
                return;
            }
            if (fault != null && round == faultRound) {
                tally.faults.get(fault).incrementAndGet();
                inject();
            } else {
                exchange();
            }
        }

        /** Sends a batch of messages and reads their echoes, checking each against what was sent. */
        void exchange() throws IOException {
            int count = 1 + random.nextInt(4);
            List<byte[]> batch = new ArrayList<>();
            List<Boolean> kinds = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                boolean text = random.nextBoolean();
                byte[] payload = text ? textPayload() : binaryPayload();
                batch.add(payload);
                kinds.add(text);
                send(text, payload, random.nextInt(100) < 30);
            }
            tally.sent.addAndGet(count);
            for (int i = 0; i < count; i++) {
                Message echo;
                try {
                    echo = readMessage();
                } catch (IOException e) {
                    tally.lost.addAndGet(count - i);
                    throw e;
                }
                long seq = seqOf(echo);
                if (seq == expectedSeq) {
                    int at = i;
                    if (echo.text != kinds.get(at) || !Arrays.equals(echo.payload, batch.get(at))) {
                        tally.corrupted.incrementAndGet();
                        tally.problem("peer " + index + ": echo of seq " + seq + " differs from what was sent");
                    } else {
                        tally.delivered.incrementAndGet();
                    }
                    expectedSeq++;
                } else if (seq < expectedSeq) {
                    tally.duplicated.incrementAndGet();
                } else {
                    tally.reordered.incrementAndGet();
                    expectedSeq = seq + 1;
                }
            }
        }

        private byte[] textPayload() {
            StringBuilder s = new StringBuilder("m:").append(index).append(':').append(nextSeq++).append(':');
            int length = random.nextInt(10) == 0 ? random.nextInt(16 << 10) : random.nextInt(300);
            for (int i = 0; i < length; i++) {
                // Mostly ASCII with two- and three-byte characters, so fragments split characters too.
                int pick = random.nextInt(20);
                s.append(pick == 0 ? 'é' : pick == 1 ? '€' : (char) ('a' + random.nextInt(26)));
            }
            return s.toString().getBytes(StandardCharsets.UTF_8);
        }

        private byte[] binaryPayload() {
            int length = random.nextInt(10) == 0 ? random.nextInt(16 << 10) : random.nextInt(300);
            ByteBuffer b = ByteBuffer.allocate(12 + length);
            b.putInt(index).putLong(nextSeq++);
            byte[] rest = new byte[length];
            // Half compressible runs, half noise.
            if (random.nextBoolean()) {
                Arrays.fill(rest, (byte) random.nextInt(256));
            } else {
                random.nextBytes(rest);
            }
            return b.put(rest).array();
        }

        private long seqOf(Message m) {
            if (m.text) {
                String[] parts = new String(m.payload, StandardCharsets.UTF_8).split(":", 4);
                return parts.length >= 3 && parts[0].equals("m") ? Long.parseLong(parts[2]) : -1;
            }
            return m.payload.length >= 12 ? ByteBuffer.wrap(m.payload).getLong(4) : -1;
        }

        /** One message, compressed when agreed and chosen, split into 2-4 frames when {@code fragmented}. */
        private void send(boolean text, byte[] payload, boolean fragmented) throws IOException {
            boolean compress = deflate && random.nextBoolean();
            byte[] body = compress ? RawClient.deflate(payload) : payload;
            int pieces = fragmented && body.length >= 4 ? 2 + random.nextInt(3) : 1;
            int[] cuts = new int[pieces + 1];
            cuts[pieces] = body.length;
            for (int i = 1; i < pieces; i++) {
                cuts[i] = cuts[i - 1] + random.nextInt(Math.max(1, body.length - cuts[i - 1]) / (pieces - i) + 1);
                cuts[i] = Math.min(cuts[i], body.length);
            }
            java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
            for (int i = 0; i < pieces; i++) {
                int opcode = i == 0 ? (text ? 1 : 2) : 0;
                int rsv = i == 0 && compress ? 0x40 : 0;
                out.writeBytes(RawClient.frame(i == pieces - 1, rsv, opcode, Arrays.copyOfRange(body, cuts[i], cuts[i + 1])));
            }
            raw.send(out.toByteArray());
        }

        record Message(boolean text, byte[] payload) {
        }

        /** The next data message (pongs are counted and skipped); a close frame here is an error. */
        private Message readMessage() throws IOException {
            java.io.ByteArrayOutputStream body = new java.io.ByteArrayOutputStream();
            int opcode = -1;
            boolean compressed = false;
            while (true) {
                RawClient.Frame f = raw.readFrame();
                if (f.opcode() == 10) {
                    tally.pongs.incrementAndGet();
                    continue;
                }
                if (f.opcode() == 8) {
                    throw new IOException("closed by the server with " + f.closeCode() + " while an echo was due");
                }
                if (opcode == -1) {
                    opcode = f.opcode();
                    compressed = (f.rsv() & 0x40) != 0;
                }
                body.writeBytes(f.payload());
                if (f.fin()) {
                    break;
                }
            }
            byte[] payload = body.toByteArray();
            if (compressed) {
                try {
                    payload = RawClient.inflate(payload);
                } catch (java.util.zip.DataFormatException e) {
                    throw new IOException("bad compressed echo", e);
                }
            }
            return new Message(opcode == 1, payload);
        }

        private void inject() throws Exception {
            switch (fault) {
                case VANISH_MID_FRAME -> {
                    byte[] frame = RawClient.frame(true, 0, 2, new byte[100 + random.nextInt(4000)]);
                    raw.send(Arrays.copyOf(frame, 1 + random.nextInt(frame.length - 1)));
                    if (random.nextBoolean()) {
                        socket.setSoLinger(true, 0); // RST instead of FIN
                    }
                    socket.close();
                    done = true;
                }
                case STOP_READING -> {
                    // Keeps sending large echo requests and never reads again; the server must stop reading
                    // from it instead of queueing its echoes. It is reset when the run ends.
                    stopReader = new Thread(() -> {
                        byte[] frame = RawClient.frame(true, 0, 2, new byte[MAX_MESSAGE]);
                        try {
                            for (int sent = 0; sent < STOP_READER_BYTES; sent += frame.length) {
                                raw.send(frame);
                            }
                        } catch (IOException e) {
                            // reset at the end of the run while blocked: expected
                        }
                    }, "fault-test-stop-reader");
                    stopReader.setDaemon(true);
                    stopReader.start();
                    done = true;
                }
                case GARBAGE -> {
                    // Exactly one complete invalid frame, so the server has read all we sent when it fails us
                    // (unread bytes would make its close a reset that could eat the close frame).
                    byte[] noise = new byte[random.nextInt(100)];
                    random.nextBytes(noise);
                    byte[] frame = switch (random.nextInt(3)) {
                        case 0 -> RawClient.frame(true, 0x20, 2, noise);        // RSV2: no extension defines it
                        case 1 -> RawClient.frame(true, 0, 3 + random.nextInt(5), noise); // reserved opcode
                        default -> RawClient.frame(true, 0, 2, noise, false);  // unmasked client frame
                    };
                    raw.send(frame);
                    expectClose(1002);
                }
                case PING_FLOOD -> {
                    java.io.ByteArrayOutputStream pings = new java.io.ByteArrayOutputStream();
                    for (int i = 0; i < 1000; i++) {
                        pings.writeBytes(RawClient.frame(true, 0, 9, ByteBuffer.allocate(4).putInt(i).array()));
                    }
                    raw.send(pings.toByteArray());
                    // The server may answer only the latest of pings that arrive together (RFC 6455 5.5.3).
                    while (true) {
                        RawClient.Frame f = raw.readFrame();
                        if (f.opcode() != 10) {
                            throw new IOException("expected pongs, got opcode " + f.opcode());
                        }
                        tally.pongs.incrementAndGet();
                        if (f.payload().length == 4 && ByteBuffer.wrap(f.payload()).getInt() == 999) {
                            break;
                        }
                    }
                    exchange(); // and it still echoes, in order
                }
                case CLOSE_MID_FRAGMENT -> {
                    raw.send(RawClient.frame(false, 0, 1, ("PARTIAL:" + index).getBytes(StandardCharsets.UTF_8)));
                    raw.send(RawClient.frame(true, 0, 8, RawClient.closePayload(1000, "bye mid-message")));
                    expectClose(1000);
                }
                case ENDPOINT_THROWS -> {
                    send(true, ("THROW:" + index).getBytes(StandardCharsets.UTF_8), random.nextBoolean());
                    expectClose(1011);
                }
                default -> throw new IllegalStateException(fault.toString());
            }
        }

        /** Reads to the server's close frame, which must carry {@code code}, answers it and waits for the TCP close. */
        private void expectClose(int code) throws IOException {
            RawClient.Frame f;
            do {
                f = raw.readFrame();
            } while (f.opcode() == 10);
            if (f.opcode() != 8) {
                throw new IOException("expected a close frame with " + code + ", got opcode " + f.opcode());
            }
            if (f.closeCode() != code) {
                throw new IOException("expected close code " + code + ", got " + f.closeCode() + " " + f.text());
            }
            if (code != 1000) {
                try {
                    raw.send(RawClient.frame(true, 0, 8, RawClient.closePayload(code, "")));
                } catch (IOException e) {
                    // a server that failed the connection may have closed already
                }
            }
            if (!raw.awaitEof()) {
                throw new IOException("the server did not close the TCP connection after close " + code);
            }
            socket.close();
            done = true;
        }

        /** Well-behaved peers (and survivors of a ping flood) close normally. */
        void finish() throws IOException {
            if (done) {
                return;
            }
            raw.send(RawClient.frame(true, 0, 8, RawClient.closePayload(1000, "done")));
            expectClose(1000);
        }

        /** Drops whatever is left (the clients that stopped reading, or a peer whose step failed). */
        void abort() {
            try {
                if (socket != null && !socket.isClosed()) {
                    socket.setSoLinger(true, 0);
                    socket.close();
                }
                if (stopReader != null) {
                    stopReader.join(SETTLE_MILLIS);
                }
            } catch (IOException e) {
                // closing anyway
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            done = true;
        }
    }
}
