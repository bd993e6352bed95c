package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, Session.addMessageHandler: at most one handler per native message type
 * (text, binary, pong), an IllegalStateException naming type and handler for what cannot be
 * handled, and the handler in place when a message starts is the one that gets it.
 */
class MessageHandlerRegistrationTest {

    record Unknown(String s) {
    }

    public static class UnknownDecoder implements Decoder.Text<Unknown> {
        @Override
        public Unknown decode(String s) {
            return new Unknown(s);
        }

        @Override
        public boolean willDecode(String s) {
            return true;
        }

        @Override
        public void init(EndpointConfig config) {
        }

        @Override
        public void destroy() {
        }
    }

    /** The message type comes from a superclass that fixes Whole's type parameter. */
    abstract static class Base<T> implements MessageHandler.Whole<T> {
    }

    static final class Concrete extends Base<String> {
        final BlockingQueue<Object> got;

        Concrete(BlockingQueue<Object> got) {
            this.got = got;
        }

        @Override
        public void onMessage(String message) {
            got.add("concrete:" + message);
        }
    }

    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();
    private final java.util.concurrent.CountDownLatch swapped = new java.util.concurrent.CountDownLatch(1);
    private final ServerEndpointConfig plain = ServerEndpointConfig.Builder.create(Object.class, "/test").build();

    private SessionHarness open() {
        return new SessionHarness(plain, s -> {
        });
    }

    private Object nextDelivered() throws InterruptedException {
        Object o = delivered.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "nothing delivered in time");
        return o;
    }

    @Test
    void aSecondHandlerForTheSameKindIsAnIllegalStateException() throws Exception {
        try (SessionHarness h = open()) {
            Session s = h.session;
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) delivered::add);
            assertThrows(IllegalStateException.class,
                    () -> s.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) r -> { }));
            assertThrows(IllegalStateException.class,
                    () -> s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, l) -> { }));
            assertThrows(IllegalStateException.class,
                    () -> s.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) i -> { }));
            s.addMessageHandler(InputStream.class, (MessageHandler.Whole<InputStream>) in -> { });
            assertThrows(IllegalStateException.class,
                    () -> s.addMessageHandler(byte[].class, (MessageHandler.Whole<byte[]>) b -> { }));
            s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p -> { });
            assertThrows(IllegalStateException.class,
                    () -> s.addMessageHandler(PongMessage.class, (MessageHandler.Whole<PongMessage>) p -> { }));
            assertEquals(3, s.getMessageHandlers().size());
        }
    }

    @Test
    void aTypeWithoutDecoderIsAnIllegalStateExceptionNamingTypeAndHandler() throws Exception {
        try (SessionHarness h = open()) {
            MessageHandler.Whole<Unknown> handler = u -> { };
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> h.session.addMessageHandler(Unknown.class, handler));
            assertTrue(e.getMessage().contains(Unknown.class.getName()), e.getMessage());
            assertTrue(e.getMessage().contains(handler.getClass().getName()), e.getMessage());
            assertTrue(h.session.getMessageHandlers().isEmpty());
        }
        ServerEndpointConfig withDecoder = ServerEndpointConfig.Builder.create(Object.class, "/test")
                .decoders(List.of(UnknownDecoder.class)).build();
        try (SessionHarness h = new SessionHarness(withDecoder, s -> { })) {
            h.session.addMessageHandler(Unknown.class, (MessageHandler.Whole<Unknown>) delivered::add);
            h.text("now known");
            assertEquals(new Unknown("now known"), nextDelivered());
        }
    }

    @Test
    void partialHandlersTakeOnlyStringByteBufferAndByteArray() throws Exception {
        try (SessionHarness h = open()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> h.session.addMessageHandler(Reader.class, (MessageHandler.Partial<Reader>) (r, l) -> { }));
            assertTrue(e.getMessage().contains("java.io.Reader"), e.getMessage());
            assertThrows(IllegalStateException.class,
                    () -> h.session.addMessageHandler(PongMessage.class, (MessageHandler.Partial<PongMessage>) (p, l) -> { }));
            h.session.addMessageHandler(ByteBuffer.class, (MessageHandler.Partial<ByteBuffer>) (b, l) -> { });
        }
    }

    @Test
    void theMessageTypeOfAHandlerClassIsFoundThroughItsSuperclass() throws Exception {
        try (SessionHarness h = open()) {
            h.session.addMessageHandler(new Concrete(delivered));
            h.text("hi");
            assertEquals("concrete:hi", nextDelivered());
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> h.session.addMessageHandler((MessageHandler.Whole<ByteBuffer>) b -> { }));
            assertTrue(e.getMessage().contains("addMessageHandler(Class"), e.getMessage());
        }
    }

    /** Handlers swapped between messages: each message goes to the handler in place when it starts. */
    @Test
    void aHandlerReplacedInsideOnMessageGetsTheNextMessage() throws Exception {
        AtomicReference<MessageHandler> first = new AtomicReference<>();
        BlockingQueue<Object> got = delivered;
        try (SessionHarness h = new SessionHarness(plain, s -> {
            MessageHandler.Whole<String> whole = new MessageHandler.Whole<>() {
                @Override
                public void onMessage(String m) {
                    got.add("whole:" + m);
                    s.removeMessageHandler(this);
                    s.addMessageHandler(String.class, (MessageHandler.Partial<String>) (p, last) -> got.add("part:" + p + ":" + last));
                }
            };
            first.set(whole);
            s.addMessageHandler(String.class, whole);
        })) {
            // Both messages may be read before the first is delivered: the second was assembled for
            // the whole handler, yet must reach the partial handler that replaced it.
            h.text("one");
            h.text("two");
            assertEquals("whole:one", nextDelivered());
            assertEquals("part:two:true", nextDelivered());
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("thr"));
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("ee"));
            assertEquals("part:thr:false", nextDelivered());
            assertEquals("part:ee:true", nextDelivered());
        }
    }

    /**
     * The reverse: a message that started streaming while a partial handler was in place, then
     * reached the whole handler that replaced it, is assembled for it within the buffer size;
     * beyond the size the session fails with 1009 rather than buffer without bound.
     */
    @Test
    void aStreamedMessageReachingAWholeHandlerIsAssembledWithinTheBufferSize() throws Exception {
        try (SessionHarness h = swapToWholeAfterFirstMessage(SessionHarness.utf8("c"), SessionHarness.utf8("d"))) {
            assertEquals("whole:cd", nextDelivered());
            h.assertStillWorking();
        }
        byte[] sixty = "y".repeat(60).getBytes();
        try (SessionHarness h = swapToWholeAfterFirstMessage(sixty, sixty)) {
            assertEquals(new SessionHarness.Close(1009, "Text message exceeds 100 bytes"), h.next());
            assertEquals(1009, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
        }
    }

    /**
     * A buffer size set in onOpen (as @OnMessage(maxMessageSize) does) applies to a message that
     * arrives, in a single frame, while onOpen is still running: 1009, and the handler never sees it.
     */
    @Test
    void aBufferSizeSetInOnOpenAppliesToAMessageThatArrivedDuringOnOpen() throws Exception {
        java.util.concurrent.CountDownLatch frameSent = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<Object> got = delivered;
        try (SessionHarness h = new SessionHarness(plain, SessionLimits.defaults(), null, s -> {
            s.setMaxTextMessageBufferSize(5);
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) got::add);
            try {
                frameSent.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, false)) {
            h.text("123456");
            h.awaitInputKeptWhileOpening();
            frameSent.countDown();
            assertEquals(new SessionHarness.Close(1009, "Text message exceeds 5 bytes"), h.next());
            // Callbacks run in order: once onClose has run, no message can follow it.
            assertEquals(1009, h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS).getCloseCode().getCode());
            assertTrue(got.isEmpty(), "the handler got the over-long message: " + got);
        }
    }

    /**
     * A fragmented message that began while onOpen was running (kept, and parsed once onOpen has
     * returned) goes to the whole handler onOpen registered, so its size limit holds on the wire: a
     * continuation header announcing more fails the connection with 1009 at once, not after payload the
     * peer may never send.
     */
    @Test
    void aMessageBegunDuringOnOpenIsCheckedAtEachFrameHeaderForItsWholeHandler() throws Exception {
        java.util.concurrent.CountDownLatch framesSent = new java.util.concurrent.CountDownLatch(1);
        BlockingQueue<Object> got = delivered;
        try (SessionHarness h = new SessionHarness(plain, SessionLimits.defaults().withMaxMessageBytes(100, 100), null, s -> {
            s.addMessageHandler(String.class, (MessageHandler.Whole<String>) got::add);
            try {
                framesSent.await(WAIT_SECONDS, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, false)) {
            h.sendTogether(h.wireFrame(Opcode.TEXT, true, 0, "first".getBytes()),
                    h.wireFrame(Opcode.TEXT, false, 0, "y".repeat(60).getBytes()));
            h.awaitInputKeptWhileOpening();
            framesSent.countDown();
            // "first" is delivered after onOpen returned: from here the session knows its handler.
            assertEquals("first", got.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            h.headerOnly(Opcode.CONTINUATION, true, 50);
            assertEquals(new SessionHarness.Close(1009, "Text message exceeds 100 bytes"), h.next());
        }
    }

    /**
     * Once the endpoint has put a whole handler in place of the partial one a message is streaming to,
     * that message is to be delivered whole, so its size limit holds at each further frame header: a
     * continuation announcing more fails with 1009 at once, before the peer sends its payload.
     */
    @Test
    void aStreamedMessageReachingAWholeHandlerIsCheckedAtEachFrameHeader() throws Exception {
        try (SessionHarness h = startSecondMessageThenSwapToWhole("y".repeat(60).getBytes())) {
            assertTrue(swapped.await(WAIT_SECONDS, TimeUnit.SECONDS), "the endpoint swapped its handlers");
            h.headerOnly(Opcode.CONTINUATION, true, 50);
            assertEquals(new SessionHarness.Close(1009, "Text message exceeds 100 bytes"), h.next());
        }
    }

    private SessionHarness swapToWholeAfterFirstMessage(byte[] secondStart, byte[] secondEnd) throws Exception {
        SessionHarness h = startSecondMessageThenSwapToWhole(secondStart);
        h.frame(Opcode.CONTINUATION, true, secondEnd);
        return h;
    }

    /**
     * A partial handler gets a first message, then a second begins streaming to it; the endpoint then
     * replaces it with a whole handler ({@link #swapped} once it has). Limits: 100 bytes.
     */
    private SessionHarness startSecondMessageThenSwapToWhole(byte[] secondStart) throws Exception {
        SessionLimits limits = SessionLimits.defaults().withMaxMessageBytes(100, 100);
        BlockingQueue<Object> got = delivered;
        java.util.concurrent.CountDownLatch secondStarted = new java.util.concurrent.CountDownLatch(1);
        SessionHarness h = new SessionHarness(plain, limits, s -> {
            MessageHandler.Partial<String> partial = new MessageHandler.Partial<>() {
                @Override
                public void onMessage(String p, boolean last) {
                    got.add("part:" + p);
                    if (last) {
                        try {
                            secondStarted.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        s.removeMessageHandler(this);
                        s.addMessageHandler(String.class, (MessageHandler.Whole<String>) m -> got.add("whole:" + m));
                        swapped.countDown();
                    }
                }
            };
            s.addMessageHandler(String.class, partial);
        });
        h.frame(Opcode.TEXT, false, SessionHarness.utf8("a"));
        assertEquals("part:a", nextDelivered());
        h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("b"));
        h.frame(Opcode.TEXT, false, secondStart);
        // The pong to a ping sent behind it proves the session has read the second message's
        // first frame, and so has begun streaming it to the partial handler still in place.
        h.frame(Opcode.PING, true, new byte[0]);
        assertEquals("control " + Opcode.PONG, h.next());
        assertEquals("part:b", nextDelivered());
        secondStarted.countDown();
        return h;
    }
}
