package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.FrameHandler;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Server-side parsing of one masked client frame (header, checks, unmasking in place, payload
 * handed to the handler) from a direct buffer, as a socket read delivers it. Unmasking toggles the
 * payload each time, which the parser does not look at, so the same bytes serve every operation.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameParseBenchmark {

    @Param({"32", "1024", "65536"})
    int size;

    private ByteBuffer wire;
    private FrameParser parser;
    private final CountingHandler handler = new CountingHandler();

    /** Counts payload bytes: the least a handler does. */
    static final class CountingHandler implements FrameHandler {
        long bytes;
        long frames;

        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            frames++;
        }

        @Override
        public void onDataPayload(ByteBuffer payload) {
            bytes += payload.remaining();
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
        }
    }

    @Setup
    public void setUp() {
        byte[] frame = WireFrames.maskedFrame(Opcode.BINARY, WireFrames.ascii(size));
        wire = ByteBuffer.allocateDirect(frame.length).put(frame);
        parser = new FrameParser(Role.SERVER, handler);
    }

    @Benchmark
    public long parseMaskedFrame() throws ProtocolException {
        wire.clear();
        parser.parse(wire);
        return handler.bytes;
    }
}
