package org.bowline.container.server;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.ClientEndpointConfig;
import jakarta.websocket.DecodeException;
import jakarta.websocket.Decoder;
import jakarta.websocket.EncodeException;
import jakarta.websocket.Encoder;
import jakarta.websocket.Endpoint;
import jakarta.websocket.EndpointConfig;
import jakarta.websocket.OnError;
import jakarta.websocket.OnMessage;
import jakarta.websocket.Session;
import jakarta.websocket.server.PathParam;
import jakarta.websocket.server.ServerEndpoint;

import org.bowline.container.client.BowlineClientContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The {@code @OnMessage} parameter and return forms of the OnMessage Javadoc, over real sockets:
 * Reader, InputStream, primitives, partial messages in several frames, decoded parameters and
 * encoded return values.
 */
class AnnotatedMessageFormsTest {

    /** A value type the endpoint only knows through its decoders and encoder. */
    public static final class Point {
        final int x;
        final int y;

        Point(int x, int y) {
            this.x = x;
            this.y = y;
        }
    }

    public static class PointTextDecoder implements Decoder.Text<Point> {
        @Override
        public Point decode(String s) throws DecodeException {
            String[] parts = s.split(",");
            try {
                return new Point(Integer.parseInt(parts[0].trim()), Integer.parseInt(parts[1].trim()));
            } catch (RuntimeException e) {
                throw new DecodeException(s, "not a point: " + s, e);
            }
        }

        @Override
        public boolean willDecode(String s) {
            return s.contains(",");
        }
    }

    public static class PointBinaryDecoder implements Decoder.Binary<Point> {
        @Override
        public Point decode(ByteBuffer bytes) {
            return new Point(bytes.getInt(), bytes.getInt());
        }

        @Override
        public boolean willDecode(ByteBuffer bytes) {
            return bytes.remaining() == 8;
        }
    }

    public static class PointEncoder implements Encoder.Text<Point> {
        @Override
        public String encode(Point p) throws EncodeException {
            return "(" + p.x + "|" + p.y + ")";
        }
    }

    @ServerEndpoint("/reader")
    public static class ReaderEndpoint {
        @OnMessage
        public String read(Reader reader) throws IOException {
            StringBuilder sb = new StringBuilder();
            char[] buf = new char[7];
            for (int n; (n = reader.read(buf)) >= 0; ) {
                sb.append(buf, 0, n);
            }
            return "read " + sb.length() + " chars ending " + sb.substring(sb.length() - 3);
        }

        @OnMessage
        public byte[] stream(InputStream in) throws IOException {
            byte[] all = in.readAllBytes();
            return new byte[] {(byte) all.length, all[all.length - 1]};
        }
    }

    @ServerEndpoint("/primitive/{factor}")
    public static class PrimitiveEndpoint {
        @OnMessage
        public long times(@PathParam("factor") long factor, int value) {
            return factor * value;
        }

        @OnError
        public void error(Session session, Throwable t) throws IOException {
            session.getBasicRemote().sendText("error " + t.getClass().getSimpleName());
        }
    }

    @ServerEndpoint("/parts")
    public static class PartsEndpoint {
        private final StringBuilder seen = new StringBuilder();

        @OnMessage
        public String text(Session session, String part, boolean last) {
            seen.append('[').append(part).append(last ? "!" : "").append(']');
            return last ? seen.toString() : null;
        }

        @OnMessage
        public void binary(byte[] part, boolean last, Session session) throws IOException {
            session.getBasicRemote().sendText("binary part of " + part.length + " last=" + last);
        }
    }

    @ServerEndpoint(value = "/points", decoders = {PointTextDecoder.class, PointBinaryDecoder.class},
            encoders = PointEncoder.class)
    public static class PointEndpoint {
        @OnMessage
        public Point mirror(Point p, Session session) {
            return new Point(p.y, p.x);
        }
    }

    /** A programmatic client that records what it gets. */
    public static class Probe extends Endpoint {
        final BlockingQueue<Object> messages = new LinkedBlockingQueue<>();

        @Override
        public void onOpen(Session session, EndpointConfig config) {
            session.addMessageHandler(String.class, messages::add);
            session.addMessageHandler(ByteBuffer.class, data -> {
                byte[] bytes = new byte[data.remaining()];
                data.get(bytes);
                messages.add(bytes);
            });
        }

        Object next() throws InterruptedException {
            Object message = messages.poll(10, TimeUnit.SECONDS);
            assertNotNull(message, "no message within 10 s");
            return message;
        }
    }

    private static BowlineServer server;
    private BowlineClientContainer client;

    @BeforeAll
    static void start() throws Exception {
        server = BowlineServer.builder().port(0).build();
        for (Class<?> c : new Class<?>[] {ReaderEndpoint.class, PrimitiveEndpoint.class, PartsEndpoint.class,
                PointEndpoint.class}) {
            server.container().addEndpoint(c);
        }
        server.start();
    }

    @AfterAll
    static void stop() {
        server.stop();
    }

    @BeforeEach
    void newClient() {
        client = new BowlineClientContainer();
    }

    @AfterEach
    void closeClient() {
        client.close();
    }

    private Session open(Probe probe, String path) throws Exception {
        return client.connectToServer(probe, ClientEndpointConfig.Builder.create().build(),
                URI.create("ws://localhost:" + server.port() + path));
    }

    @Test
    void readerAndInputStream_receiveWholeMessages() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/reader");
        session.getBasicRemote().sendText("abcdefghij".repeat(100) + "xyz");
        assertEquals("read 1003 chars ending xyz", probe.next());
        byte[] data = new byte[100];
        data[99] = 42;
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(data));
        assertArrayEquals(new byte[] {100, 42}, (byte[]) probe.next());
        session.close();
    }

    @Test
    void primitives_areParsedFromTextAndSentBackAsText() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/primitive/3");
        session.getBasicRemote().sendText("14");
        assertEquals("42", probe.next());
        session.getBasicRemote().sendText("fourteen");
        assertEquals("error DecodeException", probe.next(), "text that is no int goes to @OnError");
        session.getBasicRemote().sendText("-2");
        assertEquals("-6", probe.next(), "the session carries on");
        session.close();
    }

    @Test
    void partialMethods_getEachFrameWithItsLastFlag() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/parts");
        session.getBasicRemote().sendText("ab", false);
        session.getBasicRemote().sendText("cd", false);
        session.getBasicRemote().sendText("e", true);
        assertEquals("[ab][cd][e!]", probe.next());
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[5]), false);
        session.getBasicRemote().sendBinary(ByteBuffer.wrap(new byte[2]), true);
        assertEquals("binary part of 5 last=false", probe.next());
        assertEquals("binary part of 2 last=true", probe.next());
        session.close();
    }

    @Test
    void decodedParameters_andEncodedReturnValues() throws Exception {
        Probe probe = new Probe();
        Session session = open(probe, "/points");
        session.getBasicRemote().sendText("1, 2");
        assertEquals("(2|1)", probe.next());
        session.getBasicRemote().sendBinary(ByteBuffer.allocate(8).putInt(7).putInt(9).flip());
        assertEquals("(9|7)", probe.next(), "a type with text and binary decoders receives both kinds");
        assertTrue(session.isOpen());
        session.close();
    }
}
