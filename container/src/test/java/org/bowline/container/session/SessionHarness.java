package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.Session;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.frame.FrameHandler;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.Masker;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.bowline.container.io.ConnectionHandler;
import org.bowline.container.io.MemoryConnection;

/**
 * A server-role session over an in-memory connection, and the client peer across it: the test
 * writes raw client frames and reads what the session sent back as whole messages.
 */
final class SessionHarness implements AutoCloseable {

    static final long WAIT_SECONDS = 10;

    /** A text message the peer received, with the number of frames it came in. */
    record Text(String text, int frames) {
    }

    /** A binary message the peer received, with the number of frames it came in. */
    record Binary(byte[] bytes, int frames) {
    }

    /** A close frame the peer received. */
    record Close(int code, String reason) {
    }

    /** The session's role; the peer has the other one. */
    final Role role;
    /** The session's end of the connection (named for the usual case, a server-role session). */
    final MemoryConnection serverEnd;
    final MemoryConnection peerEnd;
    private final java.util.concurrent.CountDownLatch peerClosed = new java.util.concurrent.CountDownLatch(1);
    final WsSession session;
    final BlockingQueue<Object> received = new LinkedBlockingQueue<>();
    final BlockingQueue<Throwable> errors = new LinkedBlockingQueue<>();
    final BlockingQueue<CloseReason> closes = new LinkedBlockingQueue<>();
    /** The payload of every pong the peer received, as UTF-8, in order. */
    final BlockingQueue<String> pongs = new LinkedBlockingQueue<>();
    private final CountDownLatch opened = new CountDownLatch(1);
    /** Runs inside the endpoint's onClose, before the reason is queued. */
    volatile Consumer<Session> onCloseHook = s -> { };
    /** Shared like a container's pool, and never shut down: late callbacks of a closed session still run. */
    private static final ExecutorService EXECUTOR = Executors.newCachedThreadPool(r -> {
        Thread t = new Thread(r, "session-harness");
        t.setDaemon(true);
        return t;
    });

    SessionHarness(EndpointConfig config, Consumer<Session> onOpen) {
        this(config, SessionLimits.defaults(), onOpen);
    }

    SessionHarness(EndpointConfig config, SessionLimits limits, Consumer<Session> onOpen) {
        this(config, limits, null, onOpen);
    }

    /** With {@code deflate}, the session inflates RSV1 messages (the peer then compresses what it sends). */
    SessionHarness(EndpointConfig config, SessionLimits limits, DeflateAgreement deflate, Consumer<Session> onOpen) {
        this(config, limits, deflate, onOpen, true);
    }

    /** With {@code awaitOpen} false, returns while onOpen may still be running. */
    SessionHarness(EndpointConfig config, SessionLimits limits, DeflateAgreement deflate, Consumer<Session> onOpen,
                   boolean awaitOpen) {
        this(config, limits, deflate, onOpen, awaitOpen, null);
    }

    /** With {@code pings}, the endpoint implements {@link PingListener} through it. */
    SessionHarness(EndpointConfig config, SessionLimits limits, DeflateAgreement deflate, Consumer<Session> onOpen,
                   boolean awaitOpen, PingListener pings) {
        this(Role.SERVER, config, limits, deflate, onOpen, awaitOpen, pings);
    }

    /** A session in {@code role}; the peer takes the other role (it masks what it sends to a server). */
    SessionHarness(Role role, EndpointConfig config, SessionLimits limits, Consumer<Session> onOpen) {
        this(role, config, limits, null, onOpen, true, null);
    }

    /** A session in {@code role}, waiting for its onOpen to have run when {@code awaitOpen}. */
    SessionHarness(Role role, EndpointConfig config, SessionLimits limits, Consumer<Session> onOpen,
                   boolean awaitOpen) {
        this(role, config, limits, null, onOpen, awaitOpen, null);
    }

    /** How the session takes over its connection. */
    enum Start {
        /** {@link WsSession#start}: reading on, as a servlet container hands it over. */
        READING,
        /** {@link WsSession#startSuspended}: reading left suspended by the handshake's reader, as standalone. */
        SUSPENDED
    }

    /** A session in {@code role} started as {@code start} says, returning while onOpen may still be running. */
    SessionHarness(Role role, Start start, EndpointConfig config, SessionLimits limits, Consumer<Session> onOpen) {
        this(role, config, limits, null, onOpen, false, null, start);
    }

    private SessionHarness(Role role, EndpointConfig config, SessionLimits limits, DeflateAgreement deflate,
                           Consumer<Session> onOpen, boolean awaitOpen, PingListener pings) {
        this(role, config, limits, deflate, onOpen, awaitOpen, pings, Start.READING);
    }

    private SessionHarness(Role role, EndpointConfig config, SessionLimits limits, DeflateAgreement deflate,
                           Consumer<Session> onOpen, boolean awaitOpen, PingListener pings, Start start) {
        this.role = role;
        MemoryConnection[] pair = MemoryConnection.pair();
        serverEnd = pair[0];
        peerEnd = pair[1];
        peerEnd.setHandler(new Peer(role == Role.SERVER ? Role.CLIENT : Role.SERVER));
        Endpoint endpoint = pings == null ? new HarnessEndpoint(onOpen) : new PingingEndpoint(onOpen, pings);
        session = new WsSession(new SessionSetup(serverEnd, role, endpoint, config, null, limits, EXECUTOR,
                "ws://localhost/test", Map.of(), null, Map.of(), null, "", List.of(), deflate,
                ConcurrentHashMap.newKeySet()));
        if (start == Start.SUSPENDED) {
            serverEnd.suspendReading();
            session.startSuspended(null);
        } else {
            session.start(null);
        }
        if (!awaitOpen) {
            return;
        }
        try {
            assertTrue(opened.await(WAIT_SECONDS, TimeUnit.SECONDS), "onOpen ran");
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }

    /** Records what the session tells its endpoint. */
    private class HarnessEndpoint extends Endpoint {
        private final Consumer<Session> onOpen;

        HarnessEndpoint(Consumer<Session> onOpen) {
            this.onOpen = onOpen;
        }

        @Override
        public void onOpen(Session s, EndpointConfig c) {
            onOpen.accept(s);
            opened.countDown();
        }

        @Override
        public void onError(Session s, Throwable t) {
            errors.add(t);
        }

        @Override
        public void onClose(Session s, CloseReason reason) {
            onCloseHook.accept(s);
            closes.add(reason);
        }
    }

    /** An endpoint that also takes the Bowline ping hook. */
    private final class PingingEndpoint extends HarnessEndpoint implements PingListener {
        private final PingListener pings;

        PingingEndpoint(Consumer<Session> onOpen, PingListener pings) {
            super(onOpen);
            this.pings = pings;
        }

        @Override
        public void onPing(Session s, ByteBuffer data) {
            pings.onPing(s, data);
        }

        @Override
        public boolean containerAnswersPings() {
            return pings.containerAnswersPings();
        }
    }

    @Override
    public void close() {
        serverEnd.abort();
        peerEnd.abort();
    }

    // ---- the peer sends ----

    void frame(int opcode, boolean fin, byte[] payload) {
        frame(opcode, fin, 0, payload);
    }

    void frame(int opcode, boolean fin, int rsv, byte[] payload) {
        sendTogether(wireFrame(opcode, fin, rsv, payload));
    }

    /** A frame as the peer puts it on the wire (masked when the session is the server), not sent yet. */
    ByteBuffer wireFrame(int opcode, boolean fin, int rsv, byte[] payload) {
        ByteBuffer frame = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + payload.length);
        int key = 0x5A17C0DE;
        boolean mask = role == Role.SERVER;
        FrameWriter.writeHeader(frame, fin, rsv, opcode, payload.length, mask, key);
        if (mask) {
            Masker.maskInto(ByteBuffer.wrap(payload), frame, key, 0);
        } else {
            frame.put(payload);
        }
        return frame.flip();
    }

    /** Frames in one write: they reach the session in one read (up to the connection's chunk size). */
    void sendTogether(ByteBuffer... frames) {
        peerEnd.write(frames, null);
    }

    /**
     * Waits until the session, still opening, has taken in everything the peer sent and holds reading (as it
     * does for input that arrives before onOpen has returned).
     */
    void awaitInputKeptWhileOpening() throws InterruptedException {
        awaitTrue(() -> serverEnd.isReadingSuspended() && peerEnd.queuedBytes() == 0,
                () -> "the opening session did not keep the peer's input: " + peerEnd.queuedBytes()
                        + " bytes still queued, reading " + (serverEnd.isReadingSuspended() ? "held" : "not held"));
    }

    /** Waits up to {@link #WAIT_SECONDS} for {@code condition}, failing with {@code failure}'s message. */
    static void awaitTrue(BooleanSupplier condition, Supplier<String> failure) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (!condition.getAsBoolean()) {
            assertTrue(System.nanoTime() < deadline, failure);
            Thread.sleep(1);
        }
    }

    /** A frame header announcing {@code length} payload bytes, and none of them. */
    void headerOnly(int opcode, boolean fin, long length) {
        ByteBuffer header = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH);
        FrameWriter.writeHeader(header, fin, 0, opcode, length, role == Role.SERVER, 0x5A17C0DE);
        peerEnd.write(new ByteBuffer[] {header.flip()}, null);
    }

    void text(String text) {
        frame(Opcode.TEXT, true, utf8(text));
    }

    void binary(byte[] bytes) {
        frame(Opcode.BINARY, true, bytes);
    }

    static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    // ---- what the peer received ----

    Object next() throws InterruptedException {
        Object o = received.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "the peer received nothing in time");
        return o;
    }

    String nextText() throws InterruptedException {
        Object o = next();
        assertTrue(o instanceof Text, "expected a text message, got " + o);
        return ((Text) o).text();
    }

    byte[] nextBinary() throws InterruptedException {
        Object o = next();
        assertTrue(o instanceof Binary, "expected a binary message, got " + o);
        return ((Binary) o).bytes();
    }

    Throwable nextError() throws InterruptedException {
        Throwable t = errors.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(t, "onError was not called");
        return t;
    }

    /** Waits for isOpen() to turn false: it does once the endpoint's onClose has returned. */
    /** Waits until the session's side has closed the connection (the peer sees its end closed). */
    void awaitPeerClosed() throws InterruptedException {
        assertTrue(peerClosed.await(WAIT_SECONDS, TimeUnit.SECONDS), "the connection was not closed in time");
    }

    void awaitNotOpen() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
        while (session.isOpen() && System.nanoTime() < deadline) {
            Thread.sleep(5);
        }
        assertTrue(!session.isOpen(), "the session still says it is open");
    }

    /** The session answers an echo request, so it is open and still reading. */
    void assertStillWorking() throws Exception {
        assertTrue(session.isOpen(), "the session is open");
        session.getBasicRemote().sendText("still here");
        assertEquals("still here", nextText());
    }

    /** Decodes the session's (unmasked, server-role) frames into whole messages. */
    private final class Peer implements ConnectionHandler, FrameHandler {
        private final FrameParser parser;
        private final ByteArrayOutputStream message = new ByteArrayOutputStream();
        private int opcode;
        private int frames;

        Peer(Role peerRole) {
            parser = new FrameParser(peerRole, this);
        }

        @Override
        public void onData(ByteBuffer data) {
            try {
                parser.parse(data);
            } catch (ProtocolException e) {
                received.add(e);
            }
        }

        @Override
        public void onClosed(IOException cause) {
            peerClosed.countDown();
        }

        @Override
        public void onDataFrameStart(int op, boolean fin, int rsv, long payloadLength) {
            if (op != Opcode.CONTINUATION) {
                opcode = op;
                frames = 0;
                message.reset();
            }
            frames++;
        }

        @Override
        public void onDataPayload(ByteBuffer payload) {
            byte[] b = new byte[payload.remaining()];
            payload.get(b);
            message.writeBytes(b);
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
            if (fin) {
                received.add(opcode == Opcode.TEXT ? new Text(message.toString(StandardCharsets.UTF_8), frames)
                        : new Binary(message.toByteArray(), frames));
            }
        }

        @Override
        public void onControlFrame(int op, ByteBuffer payload) {
            if (op == Opcode.CLOSE) {
                int code = payload.remaining() >= 2 ? payload.getShort() & 0xFFFF : 1005;
                received.add(new Close(code, StandardCharsets.UTF_8.decode(payload).toString()));
            } else {
                if (op == Opcode.PONG) {
                    pongs.add(StandardCharsets.UTF_8.decode(payload.duplicate()).toString());
                }
                received.add("control " + op);
            }
        }
    }
}
