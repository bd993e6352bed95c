package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.concurrent.TimeUnit;

import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Utf8Decoder;
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

/** The incremental UTF-8 validator on a whole text payload: validating only, and decoding into a reused builder. */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class Utf8Benchmark {

    @Param({"32", "1024", "65536"})
    int size;

    @Param({"ascii", "multibyte"})
    String text;

    private ByteBuffer payload;
    private final Utf8Decoder decoder = new Utf8Decoder();
    private final StringBuilder chars = new StringBuilder();

    @Setup
    public void setUp() {
        byte[] bytes = text.equals("ascii") ? WireFrames.ascii(size) : WireFrames.multibyte(size);
        payload = ByteBuffer.allocateDirect(size).put(bytes).flip();
    }

    @Benchmark
    public int validate() throws ProtocolException {
        payload.rewind();
        decoder.reset();
        decoder.validate(payload);
        decoder.finish();
        return payload.position();
    }

    @Benchmark
    public int decode() throws ProtocolException {
        payload.rewind();
        decoder.reset();
        chars.setLength(0);
        decoder.decode(payload, chars);
        decoder.finish();
        return chars.length();
    }
}
