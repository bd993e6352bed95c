package org.bowline.benchmarks.micro;

import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.ExtensionOffer;
import org.bowline.container.extension.InflateSink;
import org.bowline.container.extension.MessageDeflater;
import org.bowline.container.extension.MessageInflater;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.frame.ProtocolException;
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
 * permessage-deflate both ways on one text message, without context takeover (each message stands
 * alone, so every operation does the same work): the server compressing what it sends and
 * inflating what a client sent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DeflateBenchmark {

    @Param({"1024", "65536"})
    int size;

    private ByteBuffer message;
    private ByteBuffer compressed;
    private MessageDeflater deflater;
    private MessageInflater inflater;
    private long inflated;
    private final InflateSink sink = chunk -> {
        inflated += chunk.remaining();
        chunk.position(chunk.limit());
    };

    @Setup
    public void setUp() {
        DeflateAgreement agreement = PerMessageDeflate.negotiateServer(List.of(new ExtensionOffer(
                PerMessageDeflate.NAME, List.of(ExtensionOffer.Parameter.flag(PerMessageDeflate.SERVER_NO_CONTEXT_TAKEOVER),
                ExtensionOffer.Parameter.flag(PerMessageDeflate.CLIENT_NO_CONTEXT_TAKEOVER))))).orElseThrow();
        message = ByteBuffer.wrap(WireFrames.ascii(size));
        deflater = agreement.newDeflater(true);
        inflater = agreement.newInflater(true, Long.MAX_VALUE);
        try (MessageDeflater client = agreement.newDeflater(false)) {
            compressed = client.deflate(message.duplicate(), true);
        }
    }

    @TearDown
    public void tearDown() {
        deflater.close();
        inflater.close();
    }

    @Benchmark
    public int deflate() {
        message.rewind();
        return deflater.deflate(message, true).remaining();
    }

    @Benchmark
    public long inflate() throws ProtocolException {
        compressed.rewind();
        inflater.inflate(compressed, sink);
        inflater.endMessage(sink);
        return inflated;
    }
}
