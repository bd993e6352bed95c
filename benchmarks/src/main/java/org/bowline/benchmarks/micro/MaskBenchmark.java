package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.Masker;
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

/** Masking in place (every frame a server receives), heap and direct; ops/s × size = bytes/s. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class MaskBenchmark {

    @Param({"125", "1024", "65536"})
    int size;

    @Param({"direct", "heap"})
    String buffer;

    private ByteBuffer data;

    @Setup
    public void setUp() {
        data = buffer.equals("direct") ? ByteBuffer.allocateDirect(size) : ByteBuffer.allocate(size);
        data.put(WireFrames.ascii(size)).flip();
    }

    @Benchmark
    public int maskInPlace() {
        return Masker.maskInPlace(data, WireFrames.MASK_KEY, 1);
    }
}
