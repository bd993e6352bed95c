package org.bowline.container.session;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.zip.Deflater;

import org.bowline.container.extension.DeflateAgreement;
import org.bowline.container.extension.ExtensionHeader;
import org.bowline.container.extension.MessageInflater;
import org.bowline.container.extension.PerMessageDeflate;
import org.bowline.container.frame.CloseCodes;
import org.bowline.container.frame.FrameHeader;
import org.bowline.container.frame.FrameParser;
import org.bowline.container.frame.Mutator;
import org.bowline.container.frame.Opcode;
import org.bowline.container.frame.ProtocolException;
import org.bowline.container.frame.Role;
import org.junit.jupiter.api.Test;

/**
 * Fuzzes the inbound path with permessage-deflate (parser, message assembly, inflation, UTF-8) as a
 * server session runs it: mutated streams of compressed and plain messages. It may only deliver messages
 * within the message limit (a deflate bomb included) or fail with 1002, 1007 or 1009.
 */
class CompressedInboundFuzzTest {

    private static final long MAX_MESSAGE = 8192;
    private static final Set<Integer> CODES = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.TOO_BIG);

    @Test
    void mutatedCompressedStreamsDeliverWithinTheLimitsOrFailWithTheRightCode() {
        DeflateAgreement agreement = PerMessageDeflate.negotiateServer(
                ExtensionHeader.parse(List.of("permessage-deflate"))).orElseThrow();
        List<byte[]> corpus = corpus();
        long seed = Mutator.firstSeed(0x7692_F022L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Mutator.seconds());
        int cases = 0;
        int failed = 0;
        for (; System.nanoTime() < deadline; seed++, cases++) {
            Random random = new Random(seed);
            byte[] input = Mutator.mutate(corpus.get(random.nextInt(corpus.size())), random);
            MessageInflater inflater = agreement.newInflater(true, MAX_MESSAGE);
            Bounded listener = new Bounded();
            InboundAssembler assembler = new InboundAssembler(listener, inflater,
                    new InboundLimits(SessionLimits.defaults().withMaxMessageBytes(MAX_MESSAGE, MAX_MESSAGE)));
            FrameParser parser = new FrameParser(Role.SERVER, assembler);
            parser.setMaxFramePayload(MAX_MESSAGE);
            parser.setAllowedRsv(FrameHeader.RSV1);
            try {
                for (int at = 0; at < input.length; ) {
                    int n = Mutator.nextChunk(random, input.length - at);
                    parser.parse(ByteBuffer.wrap(input, at, n));
                    at += n;
                }
            } catch (ProtocolException e) {
                failed++;
                if (!CODES.contains(e.closeCode())) {
                    fail(report(seed, input, "close code " + e.closeCode() + ": " + e.getMessage()));
                }
            } catch (RuntimeException | AssertionError e) {
                fail(report(seed, input, e.toString()), e);
            } finally {
                assembler.release();
            }
        }
        System.out.println("CompressedInboundFuzzTest: " + cases + " cases, " + failed
                + " failed with 1002/1007/1009, none otherwise");
        assertTrue(cases > 0);
    }

    private static String report(long seed, byte[] input, String what) {
        return "case seed " + seed + " (-Dbowline.fuzz.seed=" + seed + "): " + what + "; input "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
    }

    private static List<byte[]> corpus() {
        List<byte[]> corpus = new ArrayList<>();
        byte[] text = "Hello, κόσμε! ".repeat(40).getBytes(StandardCharsets.UTF_8);
        corpus.add(compressed(Opcode.TEXT, text, 1));
        corpus.add(compressed(Opcode.TEXT, text, 3));
        corpus.add(compressed(Opcode.BINARY, new byte[6000], 2));   // a small bomb: 6000 zeros
        ByteArrayOutputStream mixed = new ByteArrayOutputStream();
        mixed.writeBytes(WholeMessageListener.frame(true, 0, Opcode.TEXT, "plain".getBytes(StandardCharsets.UTF_8)));
        mixed.writeBytes(compressed(Opcode.BINARY, "abcabcabc".repeat(50).getBytes(StandardCharsets.UTF_8), 1));
        mixed.writeBytes(WholeMessageListener.frame(true, 0, Opcode.PING, new byte[] {1}));
        corpus.add(mixed.toByteArray());
        return corpus;
    }

    /** One message compressed (no context takeover) and cut into {@code frames} frames as a client sends them. */
    static byte[] compressed(int opcode, byte[] message, int frames) {
        Deflater deflater = new Deflater(Deflater.DEFAULT_COMPRESSION, true);
        deflater.setInput(message);
        byte[] out = new byte[message.length + 64];
        int n = deflater.deflate(out, 0, out.length, Deflater.SYNC_FLUSH) - 4;   // RFC 7692 7.2.1
        deflater.end();
        ByteArrayOutputStream stream = new ByteArrayOutputStream();
        int per = Math.max(1, n / frames);
        for (int i = 0, at = 0; i < frames; i++) {
            int end = i == frames - 1 ? n : at + per;
            byte[] part = java.util.Arrays.copyOfRange(out, at, end);
            stream.writeBytes(WholeMessageListener.frame(i == frames - 1, i == 0 ? FrameHeader.RSV1 : 0,
                    i == 0 ? opcode : Opcode.CONTINUATION, part));
            at = end;
        }
        return stream.toByteArray();
    }

    /** Assembles whole messages and checks their size against the limit. */
    private static final class Bounded extends WholeMessageListener {
        @Override
        public void onText(String text) {
            if (text.getBytes(StandardCharsets.UTF_8).length > MAX_MESSAGE) {
                throw new AssertionError("a text message of " + text.length() + " chars passed the limit");
            }
        }

        @Override
        public void onBinary(ByteBuffer data) {
            if (data.remaining() > MAX_MESSAGE) {
                throw new AssertionError("a binary message of " + data.remaining() + " bytes passed the limit");
            }
        }
    }
}
