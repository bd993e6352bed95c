package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.io.StringReader;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.MessageHandler;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, sections 4.1.3 and 5.2 (decoders) through Session.addMessageHandler:
 * the decoder is chosen by type and willDecode in configuration order, lives once per session
 * between init and destroy, and its failures reach onError without closing the session.
 */
class DecoderTest {

    record Point(int x, int y) {
    }

    record Lines(List<String> lines) {
    }

    /**
     * Bookkeeping shared by the decoders below. Instances are told apart by the EndpointConfig
     * their init got, so a session of an earlier test closing late cannot disturb the counts.
     */
    static final List<Counted> INSTANCES = new CopyOnWriteArrayList<>();
    static final List<String> WILL_DECODE = new CopyOnWriteArrayList<>();
    static final BlockingQueue<String> STREAM_PROGRESS = new LinkedBlockingQueue<>();

    static int inits(Class<?> type, EndpointConfig config) {
        return INSTANCES.stream().filter(c -> c.getClass() == type && c.config == config).mapToInt(c -> c.inits.get()).sum();
    }

    static int destroys(Class<?> type, EndpointConfig config) {
        return INSTANCES.stream().filter(c -> c.getClass() == type && c.config == config).mapToInt(c -> c.destroys.get()).sum();
    }

    /** Counts its own lifecycle calls. */
    abstract static class Counted implements Decoder {
        volatile EndpointConfig config;
        final AtomicInteger inits = new AtomicInteger();
        final AtomicInteger destroys = new AtomicInteger();

        @Override
        public void init(EndpointConfig endpointConfig) {
            config = endpointConfig;
            inits.incrementAndGet();
            INSTANCES.add(this);
        }

        @Override
        public void destroy() {
            destroys.incrementAndGet();
        }
    }

    /** Leaves the decoded type open; subclasses fix it (resolved through the hierarchy). */
    abstract static class TextDecoderBase<X> extends Counted implements Decoder.Text<X> {
    }

    public static class JsonPointDecoder extends Counted implements Decoder.Text<Point> {
        @Override
        public boolean willDecode(String s) {
            WILL_DECODE.add("json:" + s);
            return s.startsWith("{");
        }

        @Override
        public Point decode(String s) throws DecodeException {
            String[] xy = s.substring(1, s.length() - 1).split(",");
            return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
        }
    }

    public static class CsvPointDecoder extends TextDecoderBase<Point> {
        @Override
        public boolean willDecode(String s) {
            WILL_DECODE.add("csv:" + s);
            return s.contains(",") && !s.startsWith("{");
        }

        @Override
        public Point decode(String s) throws DecodeException {
            if (s.startsWith("bad")) {
                throw new DecodeException(s, "bad point");
            }
            if (s.startsWith("boom")) {
                throw new IllegalStateException("boom from the decoder");
            }
            String[] xy = s.split(",");
            return new Point(Integer.parseInt(xy[0]), Integer.parseInt(xy[1]));
        }
    }

    public static class BinaryPointDecoder extends Counted implements Decoder.Binary<Point> {
        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }

        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(), bytes.getInt());
        }
    }

    public static class LinesDecoder extends Counted implements Decoder.TextStream<Lines> {
        @Override
        public Lines decode(Reader reader) throws IOException {
            StringBuilder all = new StringBuilder();
            char[] buf = new char[64];
            int n;
            while ((n = reader.read(buf)) >= 0) {
                all.append(buf, 0, n);
                STREAM_PROGRESS.add(new String(buf, 0, n));
            }
            return new Lines(List.of(all.toString().split("\n")));
        }
    }

    public static class SumDecoder extends Counted implements Decoder.BinaryStream<Integer> {
        @Override
        public Integer decode(InputStream in) throws IOException {
            int sum = 0;
            int b;
            while ((b = in.read()) >= 0) {
                sum += b;
            }
            return sum;
        }
    }

    public static class PrefixingReaderDecoder extends Counted implements Decoder.Text<Reader> {
        @Override
        public boolean willDecode(String s) {
            return true;
        }

        @Override
        public Reader decode(String s) {
            return new StringReader("decoded:" + s);
        }
    }

    private final BlockingQueue<Object> delivered = new LinkedBlockingQueue<>();

    @BeforeEach
    void reset() {
        WILL_DECODE.clear();
        STREAM_PROGRESS.clear();
    }

    private static ServerEndpointConfig config(List<Class<? extends Decoder>> decoders) {
        return ServerEndpointConfig.Builder.create(Object.class, "/test").decoders(decoders).build();
    }

    private Object nextDelivered() throws InterruptedException {
        Object o = delivered.poll(WAIT_SECONDS, TimeUnit.SECONDS);
        assertNotNull(o, "nothing delivered in time");
        return o;
    }

    private SessionHarness pointSession() {
        return new SessionHarness(config(List.of(JsonPointDecoder.class, CsvPointDecoder.class, BinaryPointDecoder.class)),
                s -> s.addMessageHandler(Point.class, (MessageHandler.Whole<Point>) delivered::add));
    }

    @Test
    void theFirstDecoderInConfigurationOrderWhoseWillDecodeAcceptsDecodes() throws Exception {
        try (SessionHarness h = pointSession()) {
            h.text("{1,2}");
            assertEquals(new Point(1, 2), nextDelivered());
            h.text("3,4");
            assertEquals(new Point(3, 4), nextDelivered());
            assertEquals(List.of("json:{1,2}", "json:3,4", "csv:3,4"), WILL_DECODE);
        }
    }

    @Test
    void aTypeWithTextAndBinaryDecodersIsDecodedFromBothKindsOfMessage() throws Exception {
        try (SessionHarness h = pointSession()) {
            h.binary(ByteBuffer.allocate(8).putInt(7).putInt(-8).array());
            assertEquals(new Point(7, -8), nextDelivered());
            h.text("5,6");
            assertEquals(new Point(5, 6), nextDelivered());
            assertEquals(1, h.session.getMessageHandlers().size(), "one handler, in both slots");
        }
    }

    @Test
    void whenNoDecoderWillDecodeTheEndpointGetsADecodeExceptionAndTheSessionStaysOpen() throws Exception {
        try (SessionHarness h = pointSession()) {
            h.text("no point here");
            Throwable t = h.nextError();
            assertTrue(t instanceof DecodeException, String.valueOf(t));
            assertEquals("no point here", ((DecodeException) t).getText());
            assertTrue(t.getMessage().contains(Point.class.getName()), t.getMessage());
            h.text("{9,9}");
            assertEquals(new Point(9, 9), nextDelivered());
            h.assertStillWorking();
        }
    }

    @Test
    void aDecodeExceptionGoesToOnErrorAndTheSessionStaysOpen() throws Exception {
        try (SessionHarness h = pointSession()) {
            h.text("bad,1");
            Throwable t = h.nextError();
            assertTrue(t instanceof DecodeException && t.getMessage().equals("bad point"), String.valueOf(t));
            h.text("boom,1");
            Throwable wrapped = h.nextError();
            assertTrue(wrapped instanceof DecodeException, String.valueOf(wrapped));
            assertTrue(wrapped.getCause() instanceof IllegalStateException, "the decoder's exception is the cause");
            assertTrue(wrapped.getMessage().contains(CsvPointDecoder.class.getName()), wrapped.getMessage());
            h.text("1,1");
            assertEquals(new Point(1, 1), nextDelivered());
            h.assertStillWorking();
        }
    }

    @Test
    void eachDecoderIsCreatedAndInitializedOncePerSessionAndDestroyedAfterOnClose() throws Exception {
        ServerEndpointConfig config = config(List.of(JsonPointDecoder.class, CsvPointDecoder.class, BinaryPointDecoder.class));
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(Point.class, (MessageHandler.Whole<Point>) delivered::add))) {
            for (int i = 0; i < 3; i++) {
                h.text("{" + i + ",0}");
                h.text(i + ",1");
                assertEquals(new Point(i, 0), nextDelivered());
                assertEquals(new Point(i, 1), nextDelivered());
            }
            assertEquals(1, inits(JsonPointDecoder.class, config), "one instance, initialized once, with this config");
            assertEquals(1, inits(CsvPointDecoder.class, config));
            assertEquals(0, inits(BinaryPointDecoder.class, config), "a decoder is created when first needed");
            assertEquals(0, destroys(JsonPointDecoder.class, config));
            h.frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
            assertNotNull(h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (destroys(CsvPointDecoder.class, config) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, destroys(JsonPointDecoder.class, config));
            assertEquals(1, destroys(CsvPointDecoder.class, config));
        }
        try (SessionHarness h = new SessionHarness(config,
                s -> s.addMessageHandler(Point.class, (MessageHandler.Whole<Point>) delivered::add))) {
            h.text("{1,1}");
            assertEquals(new Point(1, 1), nextDelivered());
            assertEquals(2, INSTANCES.stream().filter(c -> c instanceof JsonPointDecoder && c.config == config).count(),
                    "another session, another instance");
        }
    }

    @Test
    void aTextStreamDecoderReadsTheMessageAsItsFramesArrive() throws Exception {
        try (SessionHarness h = new SessionHarness(config(List.of(LinesDecoder.class)),
                s -> s.addMessageHandler(Lines.class, (MessageHandler.Whole<Lines>) delivered::add))) {
            h.frame(Opcode.TEXT, false, SessionHarness.utf8("one\n"));
            assertEquals("one\n", STREAM_PROGRESS.poll(WAIT_SECONDS, TimeUnit.SECONDS), "decoding began with the first frame");
            h.frame(Opcode.CONTINUATION, false, SessionHarness.utf8("two\n"));
            assertEquals("two\n", STREAM_PROGRESS.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            h.frame(Opcode.CONTINUATION, true, SessionHarness.utf8("three"));
            assertEquals(new Lines(List.of("one", "two", "three")), nextDelivered());
        }
    }

    @Test
    void aBinaryStreamDecoderDecodesAFragmentedMessage() throws Exception {
        try (SessionHarness h = new SessionHarness(config(List.of(SumDecoder.class)),
                s -> s.addMessageHandler(Integer.class, (MessageHandler.Whole<Integer>) delivered::add))) {
            h.frame(Opcode.BINARY, false, new byte[] {1, 2});
            h.frame(Opcode.CONTINUATION, true, new byte[] {3, 4});
            assertEquals(10, nextDelivered());
        }
    }

    /** A configured decoder wins even for a type the container could deliver itself. */
    @Test
    void aDecoderForReaderIsUsedForAReaderHandler() throws Exception {
        try (SessionHarness h = new SessionHarness(config(List.of(PrefixingReaderDecoder.class)),
                s -> s.addMessageHandler(Reader.class, (MessageHandler.Whole<Reader>) r -> {
                    try {
                        char[] buf = new char[100];
                        delivered.add(new String(buf, 0, r.read(buf)));
                    } catch (IOException e) {
                        delivered.add(e);
                    }
                }))) {
            h.text("x");
            assertEquals("decoded:x", nextDelivered());
        }
    }
}
