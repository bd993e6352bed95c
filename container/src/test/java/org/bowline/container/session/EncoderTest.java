package org.bowline.container.session;

import static org.bowline.container.session.SessionHarness.WAIT_SECONDS;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.io.Writer;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.SendResult;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Jakarta WebSocket 2.2, section 4.1.2 and RemoteEndpoint.sendObject: the session's encoders of
 * the four kinds, chosen by the most specific type, with the built-in fallbacks, on the Basic
 * and Async remotes; encoder failures reach the caller and leave the session usable.
 */
class EncoderTest {

    static class Animal {
        final String name;

        Animal(String name) {
            this.name = name;
        }
    }

    static class Dog extends Animal {
        Dog(String name) {
            super(name);
        }
    }

    static class Cat extends Animal {
        Cat(String name) {
            super(name);
        }
    }

    record Report(int lines) {
    }

    record Blob(byte[] bytes) {
    }

    record Stream(int length) {
    }

    record Broken(int writeFirst) {
    }

    /** Encoders that were initialized, told apart by the EndpointConfig their init got. */
    static final List<Counted> INSTANCES = new java.util.concurrent.CopyOnWriteArrayList<>();

    static int inits(Class<?> type) {
        return INSTANCES.stream().filter(c -> c.getClass() == type && c.config == CONFIG_IN_USE.get())
                .mapToInt(c -> c.inits.get()).sum();
    }

    static int destroys(Class<?> type) {
        return INSTANCES.stream().filter(c -> c.getClass() == type && c.config == CONFIG_IN_USE.get())
                .mapToInt(c -> c.destroys.get()).sum();
    }

    abstract static class Counted implements Encoder {
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

    public static class AnimalEncoder extends Counted implements Encoder.Text<Animal> {
        @Override
        public String encode(Animal a) {
            return "animal:" + a.name;
        }
    }

    public static class DogEncoder extends Counted implements Encoder.Text<Dog> {
        @Override
        public String encode(Dog d) throws EncodeException {
            if (d.name.equals("bad")) {
                throw new EncodeException(d, "bad dog");
            }
            return "dog:" + d.name;
        }
    }

    /** Writes one line per report line; long reports go out in several fragments. */
    public static class ReportEncoder extends Counted implements Encoder.TextStream<Report> {
        @Override
        public void encode(Report r, Writer writer) throws IOException {
            for (int i = 0; i < r.lines(); i++) {
                writer.write("line " + i + "\n");
            }
        }
    }

    public static class BlobEncoder extends Counted implements Encoder.Binary<Blob> {
        @Override
        public ByteBuffer encode(Blob b) {
            return ByteBuffer.wrap(b.bytes());
        }
    }

    public static class StreamEncoder extends Counted implements Encoder.BinaryStream<Stream> {
        @Override
        public void encode(Stream s, OutputStream out) throws IOException {
            for (int i = 0; i < s.length(); i++) {
                out.write(i);
            }
            out.close();
        }
    }

    /** Writes some text, then fails. */
    public static class BrokenEncoder extends Counted implements Encoder.TextStream<Broken> {
        @Override
        public void encode(Broken b, Writer writer) throws EncodeException, IOException {
            writer.write("x".repeat(b.writeFirst()));
            throw new EncodeException(b, "broken after " + b.writeFirst() + " chars");
        }
    }

    private static final java.util.concurrent.atomic.AtomicReference<ServerEndpointConfig> CONFIG_IN_USE =
            new java.util.concurrent.atomic.AtomicReference<>();

    /** A fresh configuration per test, so counts are per test. */
    @BeforeEach
    void freshConfig() {
        CONFIG_IN_USE.set(ServerEndpointConfig.Builder.create(Object.class, "/test")
                .encoders(List.of(AnimalEncoder.class, DogEncoder.class, ReportEncoder.class, BlobEncoder.class,
                        StreamEncoder.class, BrokenEncoder.class))
                .build());
    }

    private static SessionHarness open() {
        return new SessionHarness(CONFIG_IN_USE.get(), s -> {
        });
    }

    private static String expectedReport(int lines) {
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < lines; i++) {
            s.append("line ").append(i).append('\n');
        }
        return s.toString();
    }

    private static byte[] expectedStream(int length) {
        byte[] b = new byte[length];
        for (int i = 0; i < length; i++) {
            b[i] = (byte) i;
        }
        return b;
    }

    @Test
    void theBasicRemoteSendsWithEncodersOfAllFourKinds() throws Exception {
        try (SessionHarness h = open()) {
            h.session.getBasicRemote().sendObject(new Cat("tom"));
            assertEquals("animal:tom", h.nextText());
            h.session.getBasicRemote().sendObject(new Report(2000));
            SessionHarness.Text report = (SessionHarness.Text) h.next();
            assertEquals(expectedReport(2000), report.text());
            assertTrue(report.frames() > 1, "a text stream encoder writes straight to the wire, in fragments");
            h.session.getBasicRemote().sendObject(new Blob(new byte[] {1, 2, 3}));
            assertArrayEquals(new byte[] {1, 2, 3}, h.nextBinary());
            h.session.getBasicRemote().sendObject(new Stream(20_000));
            SessionHarness.Binary stream = (SessionHarness.Binary) h.next();
            assertArrayEquals(expectedStream(20_000), stream.bytes());
            assertTrue(stream.frames() > 1, "a binary stream encoder writes straight to the wire, in fragments");
        }
    }

    @Test
    void theAsyncRemoteSendsWithEncodersOfAllFourKindsThroughFutureAndSendHandler() throws Exception {
        try (SessionHarness h = open()) {
            h.session.getAsyncRemote().sendObject(new Dog("rex")).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals("dog:rex", h.nextText());
            h.session.getAsyncRemote().sendObject(new Report(3)).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertEquals(expectedReport(3), h.nextText());
            BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
            h.session.getAsyncRemote().sendObject(new Blob(new byte[] {4}), results::add);
            assertTrue(results.poll(WAIT_SECONDS, TimeUnit.SECONDS).isOK());
            assertArrayEquals(new byte[] {4}, h.nextBinary());
            h.session.getAsyncRemote().sendObject(new Stream(5), results::add);
            assertTrue(results.poll(WAIT_SECONDS, TimeUnit.SECONDS).isOK());
            assertArrayEquals(expectedStream(5), h.nextBinary());
        }
    }

    @Test
    void theEncoderWithTheMostSpecificTypeIsChosen() throws Exception {
        try (SessionHarness h = open()) {
            // AnimalEncoder comes first in the configuration, but DogEncoder's type is closer.
            h.session.getBasicRemote().sendObject(new Dog("fido"));
            assertEquals("dog:fido", h.nextText());
            h.session.getBasicRemote().sendObject(new Animal("generic"));
            assertEquals("animal:generic", h.nextText());
        }
    }

    @Test
    void withoutAnEncoderStringsAndPrimitiveWrappersGoAsTextAndBytesAsBinary() throws Exception {
        try (SessionHarness h = open()) {
            h.session.getBasicRemote().sendObject("plain");
            assertEquals("plain", h.nextText());
            h.session.getBasicRemote().sendObject(42);
            assertEquals("42", h.nextText());
            h.session.getBasicRemote().sendObject(2.5d);
            assertEquals("2.5", h.nextText());
            h.session.getBasicRemote().sendObject(true);
            assertEquals("true", h.nextText());
            h.session.getBasicRemote().sendObject('c');
            assertEquals("c", h.nextText());
            h.session.getBasicRemote().sendObject(new byte[] {7, 7});
            assertArrayEquals(new byte[] {7, 7}, h.nextBinary());
            h.session.getAsyncRemote().sendObject(ByteBuffer.wrap(new byte[] {8})).get(WAIT_SECONDS, TimeUnit.SECONDS);
            assertArrayEquals(new byte[] {8}, h.nextBinary());
        }
    }

    @Test
    void anObjectWithoutAnEncoderIsAnEncodeExceptionNamingItsClass() throws Exception {
        try (SessionHarness h = open()) {
            Object unknown = new java.util.Date();
            EncodeException e = assertThrows(EncodeException.class, () -> h.session.getBasicRemote().sendObject(unknown));
            assertTrue(e.getMessage().contains("java.util.Date"), e.getMessage());
            assertSame(unknown, e.getObject());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> h.session.getAsyncRemote().sendObject(unknown).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertTrue(failed.getCause() instanceof EncodeException, String.valueOf(failed.getCause()));
            BlockingQueue<SendResult> results = new LinkedBlockingQueue<>();
            h.session.getAsyncRemote().sendObject(unknown, results::add);
            SendResult result = results.poll(WAIT_SECONDS, TimeUnit.SECONDS);
            assertNotNull(result);
            assertFalse(result.isOK());
            assertTrue(result.getException() instanceof EncodeException);
            h.assertStillWorking();
        }
    }

    @Test
    void anEncodeExceptionReachesTheBasicCallerAndFailsTheAsyncSend() throws Exception {
        try (SessionHarness h = open()) {
            EncodeException e = assertThrows(EncodeException.class, () -> h.session.getBasicRemote().sendObject(new Dog("bad")));
            assertEquals("bad dog", e.getMessage());
            ExecutionException failed = assertThrows(ExecutionException.class,
                    () -> h.session.getAsyncRemote().sendObject(new Dog("bad")).get(WAIT_SECONDS, TimeUnit.SECONDS));
            assertEquals("bad dog", failed.getCause().getMessage());
            assertTrue(failed.getCause() instanceof EncodeException);
            h.assertStillWorking();
        }
    }

    @Test
    void aStreamEncoderFailingBeforeAnyFragmentLeftSendsNothing() throws Exception {
        try (SessionHarness h = open()) {
            EncodeException e = assertThrows(EncodeException.class, () -> h.session.getBasicRemote().sendObject(new Broken(10)));
            assertEquals("broken after 10 chars", e.getMessage());
            h.assertStillWorking();
        }
    }

    @Test
    void aStreamEncoderFailingMidMessageEndsTheMessageSoTheSessionCanGoOn() throws Exception {
        try (SessionHarness h = open()) {
            assertThrows(EncodeException.class, () -> h.session.getBasicRemote().sendObject(new Broken(20_000)));
            assertEquals("x".repeat(20_000), h.nextText(), "the begun message was ended with what was written");
            // The send gate was released: the same thread and others may send again.
            h.assertStillWorking();
        }
    }

    @Test
    void eachEncoderIsInitializedOncePerSessionAndDestroyedAfterOnClose() throws Exception {
        try (SessionHarness h = open()) {
            for (int i = 0; i < 3; i++) {
                h.session.getBasicRemote().sendObject(new Dog("d" + i));
                h.session.getAsyncRemote().sendObject(new Blob(new byte[] {(byte) i})).get(WAIT_SECONDS, TimeUnit.SECONDS);
                h.nextText();
                h.nextBinary();
            }
            assertEquals(1, inits(DogEncoder.class));
            assertEquals(1, inits(BlobEncoder.class));
            assertEquals(0, inits(AnimalEncoder.class), "an encoder is created when first needed");
            h.frame(Opcode.CLOSE, true, new byte[] {0x03, (byte) 0xE8});
            assertNotNull(h.closes.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(WAIT_SECONDS);
            while (destroys(BlobEncoder.class) == 0 && System.nanoTime() < deadline) {
                Thread.sleep(10);
            }
            assertEquals(1, destroys(DogEncoder.class));
            assertEquals(1, destroys(BlobEncoder.class));
            assertEquals(0, destroys(AnimalEncoder.class));
        }
    }

    /** SendGate: an object sent by another thread waits for an unfinished send writer. */
    @Test
    void sendObjectFromAnotherThreadWaitsForAnOpenSendWriter() throws Exception {
        try (SessionHarness h = open()) {
            Writer writer = h.session.getBasicRemote().getSendWriter();
            writer.write("first, ");
            writer.flush();
            BlockingQueue<Object> other = new LinkedBlockingQueue<>();
            Thread sender = new Thread(() -> {
                try {
                    h.session.getBasicRemote().sendObject(new Dog("second"));
                    other.add("sent");
                } catch (Exception e) {
                    other.add(e);
                }
            });
            sender.start();
            writer.write("then the end");
            writer.close();
            assertEquals("first, then the end", h.nextText());
            assertEquals("dog:second", h.nextText());
            assertEquals("sent", other.poll(WAIT_SECONDS, TimeUnit.SECONDS));
            // The owner itself may not start another message inside its own unfinished one.
            Writer again = h.session.getBasicRemote().getSendWriter();
            again.write("x");
            again.flush();
            assertThrows(IllegalStateException.class, () -> h.session.getBasicRemote().sendObject(new Dog("inside")));
            again.close();
            assertEquals("x", h.nextText());
            // Nor may a stream encoder's fragments slip into the thread's own partial message.
            h.session.getBasicRemote().sendText("a", false);
            assertThrows(IllegalStateException.class, () -> h.session.getBasicRemote().sendObject(new Report(2000)));
            assertThrows(IllegalStateException.class, () -> h.session.getBasicRemote().sendObject(new Stream(20_000)));
            h.session.getBasicRemote().sendText("b", true);
            assertEquals("ab", h.nextText());
            h.assertStillWorking();
        }
    }
}
