package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.CloseReason;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.PongMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.session.SessionLimits;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** RFC 6455 data, control and close rules as the standalone server applies them on the wire. */
class ServerSessionProtocolTest {

    private static final int MAX = 64 * 1024;
    /** How sessions ended, keyed by the query string each test connects with. */
    private static final Map<String, BlockingQueue<CloseReason>> CLOSES = new ConcurrentHashMap<>();
    private static final AtomicInteger IDS = new AtomicInteger();
    private static BowlineServer server;

    /** Echo that also records how each session ended. */
    public static class RecordingEcho extends EchoEndpoint {
        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closes(session.getQueryString()).add(closeReason);
        }
    }

    /**
     * Starts without a text handler; its first binary message adds one (an echo) and answers
     * "text handler added".
     */
    public static class LateTextHandler extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(ByteBuffer.class, (MessageHandler.Whole<ByteBuffer>) data -> {
                session.addMessageHandler(String.class, (MessageHandler.Whole<String>) text -> {
                    try {
                        session.getBasicRemote().sendText(text);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                try {
                    session.getBasicRemote().sendText("text handler added");
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }
    }

    /** Raises its own binary limit to 4 MiB, above the container's, and echoes. */
    public static class BigEcho extends EchoEndpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.setMaxBinaryMessageBufferSize(4 << 20);
            super.onOpen(session, config);
        }
    }

    /** Reports pongs as text, and closes itself on request. */
    public static class PongReporter extends Endpoint {
        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(PongMessage.class, pong -> {
                try {
                    session.getBasicRemote().sendText("pong:" + StandardCharsets.UTF_8.decode(pong.getApplicationData()));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            session.addMessageHandler(String.class, text -> {
                try {
                    session.close(new CloseReason(CloseReason.CloseCodes.NORMAL_CLOSURE, "asked to"));
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        }

        @Override
        public void onClose(Session session, CloseReason closeReason) {
            closes(session.getQueryString()).add(closeReason);
        }
    }

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0)
                .limits(SessionLimits.defaults().withMaxMessageBytes(MAX, MAX).withCloseTimeoutMillis(1000))
                .build();
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(RecordingEcho.class, "/echo").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(LateTextHandler.class, "/late").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(PongReporter.class, "/pong").build());
        server.container().addEndpoint(ServerEndpointConfig.Builder.create(BigEcho.class, "/big").build());
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    private static BlockingQueue<CloseReason> closes(String id) {
        return CLOSES.computeIfAbsent(id, k -> new LinkedBlockingQueue<>());
    }

    private String id;

    @BeforeEach
    void newId() {
        id = "t" + IDS.incrementAndGet();
    }

    private CloseReason closeReason() throws InterruptedException {
        CloseReason reason = closes(id).poll(5, TimeUnit.SECONDS);
        assertNotNull(reason, "onClose was not called");
        return reason;
    }

    private RawClient echo() throws IOException {
        return RawClient.connect(server.port(), "/echo?" + id);
    }

    private static void assertFailsWith(RawClient c, int code) throws IOException {
        RawClient.Frame close = c.readFrame();
        assertEquals(8, close.opcode(), "expected a close frame");
        assertEquals(code, close.closeCode(), "close code");
        assertTrue(c.awaitEof(), "server must close TCP after failing the connection");
    }

    @Test
    void textAndBinaryMessagesAreEchoedWhole() throws Exception {
        try (RawClient c = echo()) {
            c.sendText("héllo 🌍");
            RawClient.Frame text = c.readFrame();
            assertEquals(1, text.opcode());
            assertEquals("héllo 🌍", text.text());
            byte[] data = new byte[70_000 / 2];
            Arrays.fill(data, (byte) 7);
            c.sendFrame(true, 2, data);
            RawClient.Frame binary = c.readFrame();
            assertEquals(2, binary.opcode());
            assertArrayEquals(data, binary.payload());
        }
    }

    @Test
    void fragmentsAreAssembledWithControlFramesBetweenThem() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(false, 1, "Hel".getBytes(StandardCharsets.UTF_8));
            c.sendFrame(true, 9, "ping!".getBytes(StandardCharsets.UTF_8));
            c.sendFrame(false, 0, "lo".getBytes(StandardCharsets.UTF_8));
            c.sendFrame(true, 0, "!".getBytes(StandardCharsets.UTF_8));
            RawClient.Frame pong = c.readFrame();
            assertEquals(10, pong.opcode());
            assertEquals("ping!", pong.text());
            assertEquals("Hello!", c.readFrame().text());
        }
    }

    @Test
    void pingIsAnsweredByPongWithTheSamePayload() throws Exception {
        try (RawClient c = echo()) {
            byte[] payload = {0, 1, 2, (byte) 0xFF, 125};
            c.sendFrame(true, 9, payload);
            RawClient.Frame pong = c.readFrame();
            assertEquals(10, pong.opcode());
            assertArrayEquals(payload, pong.payload());
        }
    }

    @Test
    void unsolicitedPongWithoutHandlerIsDropped() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(true, 10, "unasked".getBytes(StandardCharsets.UTF_8));
            c.sendText("after");
            assertEquals("after", c.readFrame().text());
        }
    }

    @Test
    void unsolicitedPongGoesToTheRegisteredPongHandler() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/pong?" + id)) {
            c.sendFrame(true, 10, "beat".getBytes(StandardCharsets.UTF_8));
            assertEquals("pong:beat", c.readFrame().text());
        }
    }

    @Test
    void aServerCloseThatThePeerNeverAnswersEndsAtTheCloseTimeout() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/pong?" + id)) {
            c.sendText("close please");
            RawClient.Frame close = c.readFrame();
            assertEquals(1000, close.closeCode());
            assertEquals("asked to", new String(close.payload(), 2, close.payload().length - 2, StandardCharsets.UTF_8));
            // We never answer: the server must give up after its 1 s close timeout.
            long start = System.nanoTime();
            assertTrue(c.awaitEof());
            assertTrue(System.nanoTime() - start < 4_000_000_000L);
            // no close frame came back: RFC 6455 7.1.5 makes that 1006, whatever we had sent
            assertEquals(1006, closeReason().getCloseCode().getCode());
        }
    }

    @Test
    void aServerCloseAnsweredByThePeerClosesTcp() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/pong?" + id)) {
            c.sendText("close please");
            assertEquals(1000, c.readFrame().closeCode());
            c.sendFrame(true, 8, RawClient.closePayload(1000, ""));
            c.setTimeout(800);
            assertTrue(c.awaitEof(), "server closes TCP right after the close handshake, before its timeout");
        }
    }

    @Test
    void closeIsEchoedWithTheSameCodeAndTheServerClosesTcp() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(true, 8, RawClient.closePayload(4001, "bye"));
            RawClient.Frame close = c.readFrame();
            assertEquals(8, close.opcode());
            assertEquals(4001, close.closeCode());
            assertTrue(c.awaitEof());
            CloseReason reason = closeReason();
            assertEquals(4001, reason.getCloseCode().getCode());
            assertEquals("bye", reason.getReasonPhrase());
        }
    }

    @Test
    void closeWithoutCodeIsAnsweredWithCloseWithoutCode() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(true, 8, new byte[0]);
            RawClient.Frame close = c.readFrame();
            assertEquals(8, close.opcode());
            assertEquals(0, close.payload().length);
            assertTrue(c.awaitEof());
            assertEquals(1005, closeReason().getCloseCode().getCode());
        }
    }

    @Test
    void invalidUtf8FailsWith1007EvenMidFragment() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(false, 1, new byte[] {'o', 'k', (byte) 0xCE});
            // 0xBA would complete the sequence; 0xFF can never appear in UTF-8: fail now, not at the end.
            c.sendFrame(false, 0, new byte[] {(byte) 0xFF});
            assertFailsWith(c, 1007);
        }
    }

    @Test
    void unmaskedClientFrameFailsWith1002() throws Exception {
        try (RawClient c = echo()) {
            c.send(RawClient.frame(true, 0, 1, "x".getBytes(StandardCharsets.UTF_8), false));
            assertFailsWith(c, 1002);
        }
    }

    @Test
    void reservedOpcodeFailsWith1002() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(true, 3, new byte[0]);
            assertFailsWith(c, 1002);
        }
    }

    @Test
    void reservedBitWithoutExtensionFailsWith1002() throws Exception {
        try (RawClient c = echo()) {
            c.send(RawClient.frame(true, 0x40, 1, "x".getBytes(StandardCharsets.UTF_8)));
            assertFailsWith(c, 1002);
        }
    }

    @Test
    void invalidCloseCodeFailsWith1002() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(true, 8, RawClient.closePayload(1005, ""));
            assertFailsWith(c, 1002);
        }
    }

    @Test
    void tooBigMessageFailsWith1009AsSoonAsTheHeaderArrives() throws Exception {
        try (RawClient c = echo()) {
            byte[] header = Arrays.copyOf(RawClient.frame(true, 0, 2, new byte[MAX + 1]), 2 + 8 + 4);
            c.send(header); // header and mask only: the payload never comes
            assertFailsWith(c, 1009);
            CloseReason reason = closeReason();
            assertEquals(1009, reason.getCloseCode().getCode());
        }
    }

    @Test
    void thePeerStillReadsThe1009CloseWhileItIsSendingTheRestOfTheFrame() throws Exception {
        try (RawClient c = echo()) {
            byte[] frame = RawClient.frame(true, 0, 2, new byte[4 << 20]);
            Thread sender = new Thread(() -> {
                try {
                    for (int off = 0; off < frame.length; off += 65536) {
                        c.send(Arrays.copyOfRange(frame, off, Math.min(frame.length, off + 65536)));
                        Thread.sleep(1);
                    }
                } catch (Exception expected) {
                    // the server may close before all is sent
                }
            });
            sender.start();
            sender.join(10_000);
            // Only now read: unread input must not have turned the server's close into a reset
            // that destroyed the close frame waiting in our receive buffer.
            assertFailsWith(c, 1009);
        }
    }

    @Test
    void aSessionThatRaisesItsBufferSizeAcceptsFramesThatBig() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/big?" + id)) {
            byte[] data = new byte[2 << 20];
            Arrays.fill(data, (byte) 3);
            c.sendFrame(true, 2, data);
            assertArrayEquals(data, c.readFrame().payload());
        }
    }

    @Test
    void tooBigFragmentedMessageFailsWith1009() throws Exception {
        try (RawClient c = echo()) {
            c.sendFrame(false, 2, new byte[MAX / 2]);
            c.sendFrame(false, 0, new byte[MAX / 2]);
            c.sendFrame(true, 0, new byte[1]);
            assertFailsWith(c, 1009);
        }
    }

    /**
     * A message that arrives before the application registered a handler for its kind is dropped,
     * and the session carries on: handlers added later get later messages.
     */
    @Test
    void aMessageWithoutHandlerIsDroppedAndTheSessionCarriesOn() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/late")) {
            c.sendText("nobody listens yet");
            c.sendFrame(true, 2, new byte[] {1});
            assertEquals("text handler added", c.readFrame().text());
            c.sendText("now somebody does");
            assertEquals("now somebody does", c.readFrame().text());
        }
    }

    @Test
    void aFailedSessionDoesNotDisturbAnother() throws Exception {
        try (RawClient good = echo(); RawClient bad = echo()) {
            bad.sendFrame(true, 11, new byte[0]);
            assertFailsWith(bad, 1002);
            good.sendText("fine");
            assertEquals("fine", good.readFrame().text());
        }
    }

    @Test
    void permessageDeflateIsNegotiatedAndCompressedMessagesAreEchoed() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/echo?" + id,
                "Sec-WebSocket-Extensions: permessage-deflate; client_max_window_bits\r\n")) {
            assertTrue(c.responseHead().contains("Sec-WebSocket-Extensions: permessage-deflate"), c.responseHead());
            String message = "compress me ".repeat(100);
            c.send(RawClient.frame(true, 0x40, 1, RawClient.deflate(message.getBytes(StandardCharsets.UTF_8))));
            RawClient.Frame reply = c.readFrame();
            assertEquals(0x40, reply.rsv(), "the echo is compressed: RSV1 on its first frame");
            assertEquals(message, new String(RawClient.inflate(reply.payload()), StandardCharsets.UTF_8));
        }
    }

    @Test
    void serverMaxWindowBitsBelow15IsAccepted() throws Exception {
        try (RawClient c = RawClient.connect(server.port(), "/echo?" + id,
                "Sec-WebSocket-Extensions: permessage-deflate; server_max_window_bits=9\r\n")) {
            assertTrue(c.responseHead().contains("server_max_window_bits=9"), c.responseHead());
            String message = "abcabcabc".repeat(50);
            c.send(RawClient.frame(true, 0x40, 1, RawClient.deflate(message.getBytes(StandardCharsets.UTF_8))));
            assertEquals(message, new String(RawClient.inflate(c.readFrame().payload()), StandardCharsets.UTF_8));
        }
    }
}
