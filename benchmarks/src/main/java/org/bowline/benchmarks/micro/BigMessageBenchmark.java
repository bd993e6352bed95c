package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import jakarta.websocket.OnMessage;
import jakarta.websocket.server.ServerEndpoint;

import org.bowline.container.frame.Opcode;
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
 * One big masked binary frame in, read by read as a socket hands it over (64 KiB at a time, the selector
 * loop's read buffer), through the server engine (parser, unmasking, whole-message assembly) to an
 * annotated {@code @OnMessage(ByteBuffer)}, on the benchmark thread: the receiving half of the 16 MiB
 * round trip, without the network. Time per message; {@code -prof gc} gives the bytes allocated for it.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
// The load benchmark's server heap: a 16 MiB array is a humongous object to G1, the JVM's default.
@Fork(value = 1, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseSerialGC"})
public class BigMessageBenchmark {

    static final int READ_BYTES = 64 * 1024;

    @Param({"16777216"})
    int size;

    private InlineConnection connection;
    private byte[] frame;
    private ByteBuffer read;

    /** Keeps the length of what it is given. */
    @ServerEndpoint("/big")
    public static class Sink {
        static long bytes;

        @OnMessage(maxMessageSize = 32 << 20)
        public void onMessage(ByteBuffer message) {
            bytes += message.remaining();
        }
    }

    @Setup
    public void setUp() throws Exception {
        frame = WireFrames.maskedFrame(Opcode.BINARY, new byte[size]);
        read = ByteBuffer.allocateDirect(READ_BYTES);
        connection = new InlineConnection();
        DispatchBenchmark.open(connection, Sink.class, "/big");   // the connection holds the session
        long before = Sink.bytes;
        receiveWholeMessage();
        if (Sink.bytes != before + size) {
            throw new IllegalStateException("the message did not reach @OnMessage on the calling thread");
        }
    }

    @TearDown
    public void tearDown() {
        connection.abort();
    }

    /** The parser unmasks in place, so each read is a fresh copy of the masked bytes, as from a socket. */
    @Benchmark
    public long receiveWholeMessage() {
        for (int at = 0; at < frame.length; at += READ_BYTES) {
            read.clear();
            read.put(frame, at, Math.min(READ_BYTES, frame.length - at)).flip();
            connection.deliver(read);
        }
        return Sink.bytes;
    }
}
