package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.FrameWriter;
import org.bowline.container.frame.Masker;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * Writing one frame into a reused direct buffer: the server's unmasked header (its payload goes out
 * in the same gathered write, untouched), and the client's header plus masked copy of the payload.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class FrameWriteBenchmark {

    @Param({"32", "1024", "65536"})
    int size;

    private ByteBuffer payload;
    private ByteBuffer out;

    @Setup
    public void setUp() {
        payload = ByteBuffer.allocateDirect(size).put(WireFrames.ascii(size)).flip();
        out = ByteBuffer.allocateDirect(FrameWriter.MAX_HEADER_LENGTH + size);
    }

    @Benchmark
    public int serverHeader() {
        out.clear();
        FrameWriter.writeHeader(out, true, 0, Opcode.TEXT, size, false, 0);
        return out.position();
    }

    @Benchmark
    public int clientFrameMasked() {
        out.clear();
        payload.rewind();
        FrameWriter.writeHeader(out, true, 0, Opcode.TEXT, size, true, WireFrames.MASK_KEY);
        Masker.maskInto(payload, out, WireFrames.MASK_KEY, 0);
        return out.position();
    }
}
