package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.FrameHandler;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.bowline.container.io.BufferPool;
import org.bowline.container.io.Connection;
import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.TickTimer;
import org.bowline.container.io.WriteCallback;
import org.junit.jupiter.api.Test;

/**
 * Frames as the peer parses them, in both roles and around every size boundary, and the pooled frame
 * buffers: given back once the connection is done with them, whether the write completed or failed, never
 * while it still holds them, and never shared by two frames in flight.
 */
class FrameSenderTest {

    /** Holds every write until the test completes or fails it; remembers the buffers as they were given. */
    private static final class HoldingConnection implements Connection {
        final List<ByteBuffer[]> writes = Collections.synchronizedList(new ArrayList<>());
        final List<WriteCallback> callbacks = Collections.synchronizedList(new ArrayList<>());
        /** Where runOnNextTick goes: null means the test never expects it. */
        TickTimer ticks;
        /** When set, the first write stays in progress until it opens (as a big one copying into a socket does). */
        volatile CountDownLatch firstWriteGate;
        final CountDownLatch firstWriteEntered = new CountDownLatch(1);

        @Override
        public void write(ByteBuffer[] buffers, WriteCallback callback) {
            writes.add(buffers.clone());
            callbacks.add(callback);
            CountDownLatch gate = firstWriteGate;
            if (gate != null && firstWriteEntered.getCount() == 1) {
                firstWriteEntered.countDown();
                try {
                    assertTrue(gate.await(30, TimeUnit.SECONDS));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        }

        /** The bytes of write i, consumed as a socket would. */
        byte[] take(int i) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            for (ByteBuffer b : writes.get(i)) {
                byte[] bytes = new byte[b.remaining()];
                b.get(bytes);
                out.writeBytes(bytes);
            }
            return out.toByteArray();
        }

        @Override public void setHandler(ConnectionHandler handler) { }
        @Override public long queuedBytes() { return 0; }
        @Override public void suspendReading() { }
        @Override public void resumeReading() { }
        @Override public void close() { }
        @Override public void abort() { }
        @Override public boolean isOpen() { return true; }
        @Override public boolean isSecure() { return false; }
        @Override public InetSocketAddress localAddress() { return null; }
        @Override public InetSocketAddress remoteAddress() { return null; }
        @Override public ScheduledFuture<?> schedule(Runnable task, long delay, TimeUnit unit) {
            throw new UnsupportedOperationException();
        }
        @Override public void runOnNextTick(TickTimer.Task task) {
            if (ticks != null) {
                ticks.add(task);
            }
        }
    }

    /** What the peer's parser makes of the bytes: opcode, fin and payload of each frame. */
    private static final class Peer implements FrameHandler {
        final List<String> frames = new ArrayList<>();
        final ByteArrayOutputStream payload = new ByteArrayOutputStream();
        private String head;

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            head = opcode + (fin ? " fin" : "") + " " + payloadLength;
        }

        @Override
        public void onDataPayload(ByteBuffer data) {
            byte[] b = new byte[data.remaining()];
            data.get(b);
            payload.writeBytes(b);
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
            frames.add(head);
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer data) {
            frames.add("control " + opcode + " " + data.remaining());
        }
    }

    private static Peer parse(byte[] wire, Role senderRole) throws ProtocolException {
        Peer peer = new Peer();
        new FrameParser(senderRole == Role.CLIENT ? Role.SERVER : Role.CLIENT, peer).parse(ByteBuffer.wrap(wire));
        return peer;
    }

    private static final class Outcome implements WriteCallback {
        int completed;
        IOException failure;

        @Override public void completed() { completed++; }
        @Override public void failed(IOException cause) { failure = cause; }
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        for (int i = 0; i < n; i++) {
            b[i] = (byte) (i * 31 + 7);
        }
        return b;
    }

    @Test
    void binaryFramesAroundEveryLengthBoundaryInBothRoles() throws Exception {
        int[] sizes = {0, 1, 125, 126, 127, 65535, 65536, FrameSender.COPY_LIMIT, FrameSender.COPY_LIMIT + 1, 200_000};
        for (Role role : Role.values()) {
            for (int size : sizes) {
                HoldingConnection c = new HoldingConnection();
                FrameSender sender = new FrameSender(c, role == Role.CLIENT, null, new BufferPool(4));
                byte[] data = bytes(size);
                ByteBuffer payload = ByteBuffer.allocate(size + 3).position(2);
                payload.put(data).flip().position(2);
                Outcome outcome = new Outcome();
                sender.sendData(false, payload, true, outcome);
                assertEquals(2, payload.position(), "the caller's position stays");
                byte[] wire = c.take(0);
                Peer peer = parse(wire, role);
                assertEquals(List.of(Opcode.BINARY + " fin " + size), peer.frames, role + " " + size);
                assertArrayEquals(data, peer.payload.toByteArray(), role + " " + size);
                assertEquals(role == Role.SERVER && size > FrameSender.COPY_LIMIT ? 2 : 1, c.writes.get(0).length,
                        "a server frame above the copy limit keeps the payload as a second buffer");
                c.callbacks.get(0).completed();
                assertEquals(1, outcome.completed);
            }
        }
    }

    @Test
    void textIsEncodedIntoTheFrameAsTheJdkWouldEncodeIt() throws Exception {
        String[] texts = {"", "hi", "héllo wörld € 😀", "x".repeat(125), "é".repeat(63), "é".repeat(64), "\uD83D lone",
            "日本".repeat(30_000)};
        for (Role role : Role.values()) {
            for (String text : texts) {
                HoldingConnection c = new HoldingConnection();
                FrameSender sender = new FrameSender(c, role == Role.CLIENT, null, new BufferPool(4));
                sender.sendText(text, true, null);
                byte[] expected = text.getBytes(StandardCharsets.UTF_8);
                Peer peer = parse(c.take(0), role);
                assertEquals(List.of(Opcode.TEXT + " fin " + expected.length), peer.frames);
                assertArrayEquals(expected, peer.payload.toByteArray());
            }
        }
    }

    @Test
    void fragmentsContinueTheMessageAndControlFramesMayComeBetween() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, true, null, new BufferPool(4));
        sender.sendText("one ", false, null);
        assertTrue(sender.inMessage());
        sender.sendControl(Opcode.PING, ByteBuffer.wrap(bytes(5)), null);
        sender.sendData(true, ByteBuffer.wrap("two".getBytes(StandardCharsets.UTF_8)), true, null);
        assertFalse(sender.inMessage());
        ByteArrayOutputStream wire = new ByteArrayOutputStream();
        for (int i = 0; i < c.writes.size(); i++) {
            wire.writeBytes(c.take(i));
        }
        Peer peer = parse(wire.toByteArray(), Role.CLIENT);
        assertEquals(List.of(Opcode.TEXT + " 4", "control " + Opcode.PING + " 5", Opcode.CONTINUATION + " fin 3"),
                peer.frames);
        assertEquals("one two", peer.payload.toString(StandardCharsets.UTF_8));
    }

    @Test
    void theBufferGoesBackToThePoolOnlyWhenTheWriteCompletes() {
        BufferPool pool = new BufferPool(4);
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, pool);
        sender.sendText("hello", true, null);
        ByteBuffer held = c.writes.get(0)[0];
        assertEquals(0, pool.freeCount(held.capacity()), "the connection still holds it");
        c.callbacks.get(0).completed();
        assertEquals(1, pool.freeCount(held.capacity()));

        sender.sendText("again", true, null);
        assertSame(held, c.writes.get(1)[0], "the next frame reuses it");
        assertEquals(0, pool.freeCount(held.capacity()));
    }

    @Test
    void theBufferGoesBackToThePoolWhenTheWriteFails() {
        BufferPool pool = new BufferPool(4);
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, true, null, pool);
        Outcome outcome = new Outcome();
        sender.sendData(true, ByteBuffer.wrap(bytes(300)), true, outcome);
        ByteBuffer held = c.writes.get(0)[0];
        IOException closed = new IOException("connection closed");
        c.callbacks.get(0).failed(closed);
        assertSame(closed, outcome.failure);
        assertEquals(1, pool.freeCount(held.capacity()));
    }

    @Test
    void aSecondCompletionOfTheSameWriteIsIgnored() {
        BufferPool pool = new BufferPool(4);
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, pool);
        Outcome outcome = new Outcome();
        sender.sendText("once", true, outcome);
        ByteBuffer held = c.writes.get(0)[0];
        c.callbacks.get(0).completed();
        c.callbacks.get(0).failed(new IOException("late"));
        c.callbacks.get(0).completed();
        assertEquals(1, outcome.completed);
        assertEquals(null, outcome.failure);
        assertEquals(1, pool.freeCount(held.capacity()), "in the pool once, not three times");
    }

    @Test
    void aServerFrameAboveTheCopyLimitGivesBackItsHeaderAndKeepsThePayload() {
        BufferPool pool = new BufferPool(4);
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, pool);
        ByteBuffer payload = ByteBuffer.wrap(bytes(FrameSender.COPY_LIMIT + 10));
        sender.sendData(false, payload, true, null);
        ByteBuffer header = c.writes.get(0)[0];
        assertNotSame(payload, c.writes.get(0)[1], "a view of the payload: its position is the connection's");
        c.callbacks.get(0).completed();
        assertEquals(1, pool.freeCount(header.capacity()));
    }

    @Test
    void framesInFlightTogetherNeverShareABuffer() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(4));
        sender.sendText("first", true, null);
        sender.sendText("second", true, null);
        assertNotSame(c.writes.get(0)[0], c.writes.get(1)[0]);
        c.callbacks.get(1).completed();
        sender.sendText("third", true, null);   // reuses the second's buffer, not the first's
        assertEquals("first", parse(c.take(0), Role.SERVER).payload.toString(StandardCharsets.UTF_8));
        assertEquals("third", parse(c.take(2), Role.SERVER).payload.toString(StandardCharsets.UTF_8));
    }

    // ---- held replies ----------------------------------------------------------------------------------

    private static String payloads(HoldingConnection c, int write) throws ProtocolException {
        Peer peer = parse(c.take(write), Role.SERVER);
        return peer.frames.size() + ":" + peer.payload.toString(StandardCharsets.UTF_8);
    }

    @Test
    void heldRepliesLeaveInOneWriteInOrderAndTheirCallersHearSentAtOnce() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(4));
        sender.holdWrites(true);
        Outcome first = new Outcome();
        Outcome second = new Outcome();
        sender.sendText("a", true, first);
        sender.sendData(true, ByteBuffer.wrap("b".getBytes(StandardCharsets.UTF_8)), true, second);
        sender.sendText("c", true, null);
        assertEquals(0, c.writes.size(), "nothing reaches the connection while held");
        assertEquals(1, first.completed, "a blocking sender must not wait for the flush, which comes after it returns");
        assertEquals(1, second.completed);
        sender.flushHeldWrites();
        assertEquals(1, c.writes.size(), "one gathered write");
        assertEquals(3, c.writes.get(0).length);
        assertEquals("3:abc", payloads(c, 0));
        sender.sendText("d", true, null);
        assertEquals(2, c.writes.size(), "after the flush sends go straight out again");
    }

    @Test
    void heldBuffersGoBackToThePoolWhenTheGatheredWriteCompletesOrFails() {
        for (boolean fail : new boolean[] {false, true}) {
            BufferPool pool = new BufferPool(8);
            HoldingConnection c = new HoldingConnection();
            FrameSender sender = new FrameSender(c, false, null, pool);
            sender.holdWrites(true);
            sender.sendText("one", true, null);
            sender.sendText("two", true, null);
            sender.flushHeldWrites();
            int capacity = c.writes.get(0)[0].capacity();
            assertEquals(0, pool.freeCount(capacity), "the connection holds both");
            if (fail) {
                c.callbacks.get(0).failed(new IOException("gone"));
            } else {
                c.callbacks.get(0).completed();
            }
            assertEquals(2, pool.freeCount(capacity));
            c.callbacks.get(0).completed();
            assertEquals(2, pool.freeCount(capacity), "a second completion gives nothing back twice");
        }
    }

    @Test
    void anotherThreadsSendFlushesWhatIsHeldFirstAndIsNotHeld() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(4));
        sender.holdWrites(true);
        sender.sendText("held", true, null);
        Thread other = new Thread(() -> sender.sendText("other", true, null));
        other.start();
        other.join();
        assertEquals(2, c.writes.size());
        assertEquals("1:held", payloads(c, 0));
        assertEquals("1:other", payloads(c, 1));
    }

    @Test
    void controlFramesAndPayloadsKeptByReferenceAreNeverHeld() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(4));
        sender.holdWrites(true);
        sender.sendText("x", true, null);
        sender.sendControl(Opcode.CLOSE, ByteBuffer.wrap(new byte[] {3, (byte) 232}), null);
        assertEquals(2, c.writes.size(), "a close frame must be out before the connection closes");
        assertEquals(List.of(Opcode.TEXT + " fin 1"), parse(c.take(0), Role.SERVER).frames);
        assertEquals(List.of("control " + Opcode.CLOSE + " 2"), parse(c.take(1), Role.SERVER).frames);

        sender.sendText("y", true, null);
        Outcome big = new Outcome();
        sender.sendData(false, ByteBuffer.wrap(bytes(FrameSender.COPY_LIMIT + 1)), true, big);
        assertEquals(4, c.writes.size(), "the held frame, then the big one");
        assertEquals("1:y", payloads(c, 2));
        assertEquals(0, big.completed, "the caller's payload is in use until the write completes");
    }

    @Test
    void aFullBatchLeavesWithoutWaitingForTheFlush() {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(64));
        sender.holdWrites(true);
        for (int i = 0; i < FrameSender.MAX_HELD_FRAMES; i++) {
            sender.sendText("m" + i, true, null);
        }
        assertEquals(1, c.writes.size());
        assertEquals(FrameSender.MAX_HELD_FRAMES, c.writes.get(0).length);
        sender.sendData(false, ByteBuffer.wrap(bytes(FrameSender.MAX_HELD_BYTES)), true, null);
        assertEquals(2, c.writes.size(), "held bytes past the limit leave at once");
    }

    @Test
    void theRepliesOfALongBurstLeaveEveryEightCallbacksSoThePeerCanStartOnThem() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(64));
        for (int i = 0; i < FrameSender.MAX_HELD_CALLBACKS; i++) {
            sender.holdWrites(true);
            sender.sendText("r" + i, true, null);
        }
        assertEquals(0, c.writes.size(), "eight callbacks' replies wait together");
        sender.holdWrites(true);   // the ninth callback is about to run
        assertEquals(1, c.writes.size(), "they leave before it runs");
        assertEquals("8:r0r1r2r3r4r5r6r7", payloads(c, 0));
        sender.sendText("r8", true, null);
        sender.holdWrites(true);   // the tenth: one callback's reply held so far
        sender.sendText("r9", true, null);
        sender.holdWrites(false);
        sender.sendText("r10", true, null);
        assertEquals(2, c.writes.size());
        assertEquals("3:r8r9r10", payloads(c, 1));
    }

    @Test
    void releasingTheSenderFlushesWhatIsHeld() {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(4));
        sender.holdWrites(true);
        sender.sendText("last words", true, null);
        sender.release();
        assertEquals(1, c.writes.size());
    }

    @Test
    void theLastCallbacksFirstFrameLeavesAtOnceTogetherWithWhatIsHeld() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(8));
        sender.holdWrites(true);
        sender.sendText("a", true, null);
        sender.sendText("b", true, null);
        sender.holdWrites(false);   // the last callback waiting
        assertEquals(0, c.writes.size());
        sender.sendText("c", true, null);
        assertEquals(1, c.writes.size(), "its first frame does not wait for the callback to end");
        assertEquals("3:abc", payloads(c, 0));
        sender.holdWrites(false);
        sender.sendText("e", true, null);
        assertEquals(2, c.writes.size(), "a lone callback's frame is an ordinary write");
        assertEquals(1, c.writes.get(1).length);
    }

    @Test
    void whatTheLastCallbackSendsAfterItsFirstFrameIsHeldUntilItReturns() throws Exception {
        HoldingConnection c = new HoldingConnection();
        FrameSender sender = new FrameSender(c, false, null, new BufferPool(64));
        sender.holdWrites(false);   // a lone callback pushing messages
        Outcome pushed = new Outcome();
        sender.sendText("first", true, null);
        assertEquals(1, c.writes.size(), "its first frame leaves at once");
        sender.sendText("p1", true, pushed);
        sender.sendText("p2", true, null);
        assertEquals(1, c.writes.size(), "the frames after it are held");
        assertEquals(1, pushed.completed, "and their blocking senders do not wait for the flush");
        for (int i = 3; i <= FrameSender.MAX_HELD_FRAMES; i++) {
            sender.sendText("p" + i, true, null);
        }
        assertEquals(2, c.writes.size(), "a full batch leaves without waiting for the callback to end");
        assertEquals(FrameSender.MAX_HELD_FRAMES, c.writes.get(1).length);
        sender.sendText("last", true, null);
        assertEquals(2, c.writes.size());
        sender.flushHeldWrites();   // the callback returned
        assertEquals(3, c.writes.size());
        assertEquals("1:last", payloads(c, 2));
    }

    /**
     * The I/O thread answers pings: its pong must not wait while another thread's write of a data frame is
     * still in progress (which holds the sender's monitor), and it leaves whole, after that frame.
     */
    @Test
    void aPongGoesOutWhileAnotherThreadsWriteIsInProgress() throws Exception {
        for (Role role : Role.values()) {
            HoldingConnection c = new HoldingConnection();
            c.firstWriteGate = new CountDownLatch(1);
            FrameSender sender = new FrameSender(c, role == Role.CLIENT, null, new BufferPool(8));
            Thread dataWriter = new Thread(() -> sender.sendData(false, ByteBuffer.wrap(bytes(200_000)), true, null));
            dataWriter.start();
            assertTrue(c.firstWriteEntered.await(10, TimeUnit.SECONDS));
            CompletableFuture.runAsync(() -> sender.sendPong(ByteBuffer.wrap(new byte[] {1, 2, 3}), null))
                    .get(10, TimeUnit.SECONDS);
            assertEquals(2, c.writes.size(), role + ": the pong was not handed to the connection");
            c.firstWriteGate.countDown();
            dataWriter.join();
            ByteArrayOutputStream wire = new ByteArrayOutputStream();
            wire.writeBytes(c.take(0));
            wire.writeBytes(c.take(1));
            assertEquals(List.of(Opcode.BINARY + " fin 200000", "control " + Opcode.PONG + " 3"),
                    parse(wire.toByteArray(), role).frames, role.toString());
        }
    }

    @Test
    void whatIsHeldLeavesOnTheNextTickWhileTheCallbackKeepsRunning() throws Exception {
        ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
        try {
            HoldingConnection c = new HoldingConnection();
            c.ticks = new TickTimer(scheduler);
            FrameSender sender = new FrameSender(c, false, null, new BufferPool(8));
            sender.holdWrites(true);   // a callback with others waiting, which now blocks
            long start = System.nanoTime();
            sender.sendText("held", true, null);
            while (c.writes.isEmpty() && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                Thread.onSpinWait();
            }
            assertEquals(1, c.writes.size(), "the tick wrote it although nobody flushed");
            assertEquals("1:held", payloads(c, 0));
            sender.sendText("more", true, null);   // still holding: a new batch, with its own tick
            start = System.nanoTime();
            while (c.writes.size() < 2 && System.nanoTime() - start < TimeUnit.SECONDS.toNanos(10)) {
                Thread.onSpinWait();
            }
            assertEquals("1:more", payloads(c, 1));
        } finally {
            scheduler.shutdownNow();
        }
    }
}
