package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;
import jakarta.websocket.server.ServerEndpointConfig;

import org.bowline.container.frame.Opcode;
import org.bowline.container.handshake.HttpHeaders;
import org.bowline.container.handshake.HttpRequestHead;
import org.bowline.container.server.BowlineServerContainer;
import org.bowline.container.server.ServerHandshaker;
import org.bowline.container.server.UpgradeOutcome;
import org.bowline.container.server.UpgradeRequest;
import org.bowline.container.session.SessionLimits;
import org.bowline.container.session.WsSession;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One masked text frame in, through the whole server engine (parser, UTF-8, message assembly,
 * dispatch) to an annotated {@code @OnMessage(String)}: the session runs on an
 * {@link InlineConnection} with a same-thread executor, so the benchmark thread does all of it and
 * nothing waits on another thread. {@code echo} also sends the message back (framing and write).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DispatchBenchmark {

    @Param({"32", "1024"})
    int size;

    private InlineConnection connection;
    private WsSession session;
    private byte[] frame;
    private ByteBuffer wire;

    /** Counts what it is given. */
    @ServerEndpoint("/sink")
    public static class Sink {
        static long chars;

        @OnMessage
        public void onMessage(String message) {
            chars += message.length();
        }
    }

    /** Sends every message back. */
    @ServerEndpoint("/echo")
    public static class Echo {
        @OnMessage
        public String onMessage(String message) {
            return message;
        }
    }

    @Setup
    public void setUp() throws Exception {
        frame = WireFrames.maskedFrame(Opcode.TEXT, WireFrames.ascii(size));
        wire = ByteBuffer.allocateDirect(frame.length);
        connection = new InlineConnection();
        session = open(connection, Sink.class, "/sink");
        long before = Sink.chars;
        dispatchToAnnotatedMethod();
        if (Sink.chars != before + size) {
            throw new IllegalStateException("the message did not reach @OnMessage on the calling thread");
        }
    }

    static WsSession open(InlineConnection connection, Class<?> endpoint, String path) throws Exception {
        BowlineServerContainer container = new BowlineServerContainer(SessionLimits.defaults(), Runnable::run, false);
        HttpHeaders headers = new HttpHeaders();
        headers.add("Host", "localhost");
        headers.add("Upgrade", "websocket");
        headers.add("Connection", "Upgrade");
        headers.add("Sec-WebSocket-Version", "13");
        headers.add("Sec-WebSocket-Key", "dGhlIHNhbXBsZSBub25jZQ==");
        UpgradeOutcome outcome = new ServerHandshaker(container).negotiate(
                UpgradeRequest.anonymous(new HttpRequestHead("GET", path, "HTTP/1.1", headers), false),
                ServerEndpointConfig.Builder.create(endpoint, path).build(), Map.of());
        WsSession session = ((UpgradeOutcome.Accepted) outcome).open(connection);
        session.start(null);
        return session;
    }

    @TearDown
    public void tearDown() {
        connection.abort();
    }

    /** The parser unmasks in place, so each operation starts from a fresh copy of the masked frame. */
    private void refill() {
        wire.clear();
        wire.put(frame).flip();
    }

    @Benchmark
    public long dispatchToAnnotatedMethod() {
        refill();
        connection.deliver(wire);
        return Sink.chars;
    }

    /** A second session on an echo endpoint, so both paths are measured in one run. */
    @State(Scope.Thread)
    public static class EchoSession {
        InlineConnection connection;
        WsSession session;

        @Setup
        public void setUp() throws Exception {
            connection = new InlineConnection();
            session = open(connection, Echo.class, "/echo");
        }

        @TearDown
        public void tearDown() {
            connection.abort();
        }
    }

    @Benchmark
    public long echoThroughAnnotatedMethod(EchoSession echo) {
        refill();
        echo.connection.deliver(wire);
        return echo.connection.writtenBytes;
    }
}
