package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.CloseReason;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.Role;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The inbound limits a session reads from its one {@link InboundLimits}: a fixed frame limit below
 * the message limits (checked at the frame header), the most frames per message, and setters that
 * change what the parser, assembler and dispatcher all see. Each in both roles, over the in-memory
 * connection: exactly at the limit passes, one over fails with 1009 and a reason naming the limit.
 */
class InboundLimitsSessionTest {

    private static final EndpointConfig CONFIG = ServerEndpointConfig.Builder.create(Object.class, "/").build();

    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();

    private SessionHarness echoing(Role role, SessionLimits limits) {
        return new SessionHarness(role, CONFIG, limits, s -> {
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
            s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) delivered::add);
        });
    }

    private Object nextDelivered() throws InterruptedException {
        Object o = delivered.poll(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(o != null, "nothing was delivered in time");
        return o;
    }

    private static byte[] bytes(int n) {
        byte[] b = new byte[n];
        Arrays.fill(b, (byte) 'x');
        return b;
    }

    /** The peer got this close frame, and the endpoint's onClose the same code. */
    private static void assertFailed(SessionHarness h, int code, String reason) throws InterruptedException {
        assertEquals(new SessionHarness.Close(code, reason), h.next());
        CloseReason local = h.closes.poll(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS);
        assertTrue(local != null, "onClose was not called");
        assertEquals(code, local.getCloseCode().getCode());
    }

    // ---- limits set in onOpen ----

    /** A limit the endpoint raises in onOpen judges a message that arrived before onOpen returned, too. */
    @ParameterizedTest
    @CsvSource({"SERVER, READING", "CLIENT, READING", "SERVER, SUSPENDED", "CLIENT, SUSPENDED"})
    void aLimitRaisedInOnOpenJudgesAMessageThatArrivedBeforeOnOpenReturned(Role role, SessionHarness.Start start)
            throws Exception {
        CountDownLatch sent = new CountDownLatch(1);
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(1000, 1000);
        try (SessionHarness h = new SessionHarness(role, start, CONFIG, limits, s -> {
            try {
                assertTrue(sent.await(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS));
            } catch (InterruptedException e) {
                throw new AssertionError(e);
            }
            s.setMaxBinaryMessageBufferSize(4000);
            s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) delivered::add);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
        })) {
            h.binary(bytes(2000));
            h.text("after");   // behind it, and delivered after it
            sent.countDown();
            assertEquals(2000, ((byte[]) nextDelivered()).length, "judged by the limit set in onOpen");
            assertEquals("after", nextDelivered());
            h.assertStillWorking();
        }
    }

    /**
     * Started on a connection the handshake left suspended, a session reads nothing until its onOpen has
     * returned: what the peer sent meanwhile waits in the connection, not in a copy the session keeps.
     */
    @ParameterizedTest
    @EnumSource(Role.class)
    void aSessionStartedSuspendedReadsNothingBeforeOnOpenReturns(Role role) throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (SessionHarness h = new SessionHarness(role, SessionHarness.Start.SUSPENDED, CONFIG,
                SessionLimits.defaults(), s -> {
                    try {
                        assertTrue(release.await(SessionHarness.WAIT_SECONDS, TimeUnit.SECONDS));
                    } catch (InterruptedException e) {
                        throw new AssertionError(e);
                    }
                    s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
                })) {
            h.text("early");
            assertTrue(h.serverEnd.isReadingSuspended(), "suspended while onOpen runs");
            assertTrue(h.peerEnd.queuedBytes() > 0, "the frame waits in the connection");
            release.countDown();
            assertEquals("early", nextDelivered());
            assertFalse(h.serverEnd.isReadingSuspended(), "reading once open");
            h.assertStillWorking();
        }
    }

    // ---- a frame limit below the message limit ----

    @ParameterizedTest
    @EnumSource(Role.class)
    void aFrameExactlyAtAFixedFrameLimitPassesAndAMessageMayBeLargerInSeveralFrames(Role role) throws Exception {
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(1000, 1000).withMaxFramePayload(100);
        try (SessionHarness h = echoing(role, limits)) {
            h.binary(bytes(100));
            assertEquals(100, ((byte[]) nextDelivered()).length);
            for (int i = 0; i < 9; i++) {
                h.frame(i == 0 ? Opcode.BINARY : Opcode.CONTINUATION, false, bytes(100));
            }
            h.frame(Opcode.CONTINUATION, true, bytes(100));
            assertEquals(1000, ((byte[]) nextDelivered()).length, "a 1000-byte message in ten 100-byte frames");
            h.assertStillWorking();
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aFrameHeaderOneOverAFixedFrameLimitFailsBeforeItsPayload(Role role) throws Exception {
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(1000, 1000).withMaxFramePayload(100);
        try (SessionHarness h = echoing(role, limits)) {
            // Only the header: the session must not wait for payload to know.
            h.headerOnly(Opcode.TEXT, true, 101);
            assertFailed(h, 1009, "frame payload of 101 bytes exceeds the limit of 100");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aFixedFrameLimitSetOnTheSessionHoldsWhateverTheBufferSizes(Role role) throws Exception {
        try (SessionHarness h = new SessionHarness(role, CONFIG, SessionLimits.defaults(), s -> {
            ((BowlineSession) s).setMaxFramePayload(64);
            s.setMaxTextMessageBufferSize(4096);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
        })) {
            h.text("x".repeat(64));
            assertEquals(64, ((String) nextDelivered()).length());
            h.headerOnly(Opcode.TEXT, true, 65);
            assertFailed(h, 1009, "frame payload of 65 bytes exceeds the limit of 64");
        }
    }

    /** Without a fixed frame limit, raising a buffer size raises the frame limit with it: one object, read by all. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void aFollowingFrameLimitFollowsABufferSizeRaisedOnTheSession(Role role) throws Exception {
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(100, 100);
        try (SessionHarness h = new SessionHarness(role, CONFIG, limits, s -> {
            s.setMaxTextMessageBufferSize(5000);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
        })) {
            h.text("y".repeat(5000));
            assertEquals(5000, ((String) nextDelivered()).length(), "the parser and the assembler both let it in");
            h.headerOnly(Opcode.TEXT, true, 5001);
            assertFailed(h, 1009, "frame payload of 5001 bytes exceeds the limit of 5000");
        }
    }

    // ---- frames per message ----

    @ParameterizedTest
    @EnumSource(Role.class)
    void aMessageOfExactlyTheMostFramesPasses(Role role) throws Exception {
        try (SessionHarness h = echoing(role, SessionLimits.defaults().withMaxFragmentsPerMessage(4))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("a"));
            h.frame(Opcode.CONTINUATION, false, new byte[0]);
            h.frame(Opcode.CONTINUATION, false, SessionHarness.utf8("b"));
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("c"));
            assertEquals("abc", nextDelivered());
            // The count starts again with every message.
            h.frame(Opcode.BINARY, false, bytes(1));
            h.frame(Opcode.CONTINUATION, false, bytes(1));
            h.frame(Opcode.CONTINUATION, false, bytes(1));
            h.frame(Opcode.CONTINUATION, true, bytes(1));
            assertEquals(4, ((byte[]) nextDelivered()).length);
            h.assertStillWorking();
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void aMessageOfOneFrameMoreFailsWith1009NamingTheLimit(Role role) throws Exception {
        try (SessionHarness h = echoing(role, SessionLimits.defaults().withMaxFragmentsPerMessage(4))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("a"));
            for (int i = 0; i < 3; i++) {
                h.frame(Opcode.CONTINUATION, false, new byte[0]);
            }
            // The fifth frame fails at its header: it announces a payload the peer never sends.
            h.headerOnly(Opcode.CONTINUATION, true, 10);
            assertFailed(h, 1009, "Text message exceeds 4 frames (maxFragmentsPerMessage)");
            // assertFailed saw onClose, and callbacks run in order: no message can come after it.
            assertTrue(delivered.isEmpty(), "part of the message was delivered: " + delivered);
        }
    }

    /** A streamed message is counted too: a partial handler does not lift the frame count. */
    @ParameterizedTest
    @EnumSource(Role.class)
    void aStreamedMessageIsHeldToTheMostFramesToo(Role role) throws Exception {
        try (SessionHarness h = new SessionHarness(role, CONFIG, SessionLimits.defaults().withMaxFragmentsPerMessage(2),
                s -> s.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) (part, last) -> delivered.add(part.length + (last ? "!" : ""))))) {
            h.frame(Opcode.BINARY, false, bytes(3));
            h.frame(Opcode.CONTINUATION, true, bytes(2));
            assertEquals("3", nextDelivered());
            assertEquals("2!", nextDelivered());
            h.frame(Opcode.BINARY, false, bytes(3));
            h.frame(Opcode.CONTINUATION, false, bytes(2));
            h.frame(Opcode.CONTINUATION, true, bytes(1));
            assertFailed(h, 1009, "Binary message exceeds 2 frames (maxFragmentsPerMessage)");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void theMostFramesSetOnTheSessionApplyFromTheNextFrame(Role role) throws Exception {
        try (SessionHarness h = new SessionHarness(role, CONFIG, SessionLimits.defaults(), s -> {
            ((BowlineSession) s).setMaxFragmentsPerMessage(2);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
        })) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("a"));
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("b"));
            assertEquals("ab", nextDelivered());
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("a"));
            h.frame(Opcode.CONTINUATION, false, SessionHarness.utf8("b"));
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("c"));
            assertFailed(h, 1009, "Text message exceeds 2 frames (maxFragmentsPerMessage)");
        }
    }

    @ParameterizedTest
    @EnumSource(Role.class)
    void theSettersRefuseLimitsThatAreNotPositive(Role role) throws Exception {
        try (SessionHarness h = echoing(role, SessionLimits.defaults())) {
            BowlineSession s = h.session;
            assertEquals("maxFragmentsPerMessage must be > 0, was 0",
                    assertThrows(IllegalArgumentException.class, () -> s.setMaxFragmentsPerMessage(0)).getMessage());
            assertEquals("maxFramePayload must be > 0, was -1",
                    assertThrows(IllegalArgumentException.class, () -> s.setMaxFramePayload(-1)).getMessage());
            assertEquals("maxTextMessageBufferSize must be > 0, was 0",
                    assertThrows(IllegalArgumentException.class, () -> s.setMaxTextMessageBufferSize(0)).getMessage());
            h.assertStillWorking();
        }
    }
}
