package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, Session.addMessageHandler(Class, MessageHandler.Partial): parts are
 * delivered as frames arrive, never split a code point, and only the final one says last.
 */
class PartialMessageHandlerTest {

    record Part(Object data, boolean last) {
    }

    private final BlockingQueue<Part> parts = new LinkedBlockingQueue<>();
    private final ServerEndpointConfig config = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    private Part nextPart() throws InterruptedException {
        Part p = parts.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(p, "no part delivered in time");
        return p;
    }

    @Test
    void partialStringPartsNeverSplitACodePointSplitAcrossFrames() throws Exception {
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> parts.add(new Part(p, last))))) {
            // "añ€😀z": each frame ends inside a multi-byte sequence.
            byte[][] frames = {{0x61, (byte) 0xC3}, {(byte) 0xB1, (byte) 0xE2, (byte) 0x82},
                {(byte) 0xAC, (byte) 0xF0, (byte) 0x9F}, {(byte) 0x98, (byte) 0x80, 0x7A}};
            h.frame(Opcode.TEXT, false, frames[0]);
            h.frame(Opcode.CONTINUATION, false, frames[1]);
            h.frame(Opcode.CONTINUATION, false, frames[2]);
            h.frame(Opcode.CONTINUATION, true, frames[3]);
            List<Part> got = new ArrayList<>();
            do {
                got.add(nextPart());
            } while (!got.get(got.size() - 1).last());
            StringBuilder whole = new StringBuilder();
            for (int i = 0; i < got.size(); i++) {
                String s = (String) got.get(i).data();
                assertFalse(Character.isLowSurrogate(s.charAt(0)) || Character.isHighSurrogate(s.charAt(s.length() - 1)),
                        "part " + i + " splits a surrogate pair: " + s);
                assertEquals(i == got.size() - 1, got.get(i).last(), "only the final part is last");
                whole.append(s);
            }
            assertEquals("añ€\uD83D\uDE00z", whole.toString());
            // Every frame completes at least one code point, so each is its own part.
            assertEquals(List.of("a", "ñ", "€", "\uD83D\uDE00z"), got.stream().map(Part::data).toList());
            assertTrue(h.errors.isEmpty(), "no errors: " + h.errors);
        }
    }

    @Test
    void partialStringPartsArriveBeforeTheMessageEnds() throws Exception {
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> parts.add(new Part(p, last))))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("first "));
            // The peer sends nothing more until the first part was delivered: no whole-message buffering.
            assertEquals(new Part("first ", false), nextPart());
            h.frame(Opcode.CONTINUATION, false, SessionHarness.utf8("second "));
            assertEquals(new Part("second ", false), nextPart());
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("third"));
            assertEquals(new Part("third", true), nextPart());
            h.text("next message");
            assertEquals(new Part("next message", true), nextPart());
        }
    }

    @Test
    void anEmptyFinalFrameEndsThePartialMessageWithAnEmptyLastPart() throws Exception {
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> parts.add(new Part(p, last))))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("body"));
            assertEquals(new Part("body", false), nextPart());
            h.frame(Opcode.CONTINUATION, true, new byte[0]);
            assertEquals(new Part("", true), nextPart());
        }
    }

    @Test
    void partialByteBufferGetsEachFrameAsItArrives() throws Exception {
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (p, last) -> parts.add(new Part(copy(p), last))))) {
            h.frame(Opcode.BINARY, false, new byte[] {1, 2, 3});
            assertPart(new byte[] {1, 2, 3}, false, nextPart());
            h.frame(Opcode.CONTINUATION, false, new byte[] {4, 5});
            assertPart(new byte[] {4, 5}, false, nextPart());
            h.frame(Opcode.CONTINUATION, true, new byte[] {6});
            assertPart(new byte[] {6}, true, nextPart());
        }
    }

    @Test
    void partialByteArrayGetsEachFrameAsItArrives() throws Exception {
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(byte[].class, (MessageHandler.Partial<byte[]>) (p, last) -> parts.add(new Part(p, last))))) {
            h.frame(Opcode.BINARY, false, new byte[] {9, 8});
            assertPart(new byte[] {9, 8}, false, nextPart());
            h.frame(Opcode.CONTINUATION, true, new byte[] {7});
            assertPart(new byte[] {7}, true, nextPart());
            h.binary(new byte[] {42});
            assertPart(new byte[] {42}, true, nextPart());
        }
    }

    /**
     * setMaxTextMessageBufferSize limits what the session buffers: a partial handler buffers
     * nothing, so a message longer than the limit reaches it; a whole handler gets 1009.
     */
    @Test
    void theBufferSizeLimitsWholeMessagesButNotPartialDelivery() throws Exception {
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(1000, 1000);
        byte[] chunk = "x".repeat(800).getBytes();
        try (SessionHarness h = new SessionHarness(config, limits,
                s -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> parts.add(new Part(p, last))))) {
            h.frame(Opcode.TEXT, false, chunk);
            for (int i = 0; i < 3; i++) {
                h.frame(Opcode.CONTINUATION, false, chunk);
            }
            h.frame(Opcode.CONTINUATION, true, chunk);
            StringBuilder all = new StringBuilder();
            Part p;
            do {
                p = nextPart();
                all.append(p.data());
            } while (!p.last());
            assertEquals(4000, all.length());
            h.assertStillWorking();
        }
        try (SessionHarness h = new SessionHarness(config, limits,
                s -> s.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> parts.add(new Part(m, true))))) {
            h.frame(Opcode.TEXT, false, chunk);
            h.frame(Opcode.CONTINUATION, true, chunk);
            assertEquals(new SessionHarness.Close(1009, "Text message exceeds 1000 bytes"), h.next());
            // Callbacks run in order: once onClose has run, no message can follow it.
            assertEquals(1009, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
            assertTrue(parts.isEmpty(), "delivered: " + parts);
        }
    }

    private static byte[] copy(ByteBuffer b) {
        byte[] bytes = new byte[b.remaining()];
        b.get(bytes);
        return bytes;
    }

    private static void assertPart(byte[] expected, boolean last, Part actual) {
        assertArrayEquals(expected, (byte[]) actual.data());
        assertEquals(last, actual.last());
    }
}
