package org.bowline.container.frame;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Fuzzes the frame parser in both roles: mutated streams of valid frames, in random chunks. The parser
 * may only deliver frames within its limits or fail with 1002, 1007 or 1009; nothing else may escape, and
 * nothing it announces exceeds the configured frame limit (so memory per parse is bounded by the limits).
 */
class FrameParserFuzzTest {

    private static final long MAX_FRAME = 4096;
    private static final Set<Integer> CODES = Set.of(CloseCodes.PROTOCOL_ERROR, CloseCodes.INVALID_PAYLOAD,
            CloseCodes.TOO_BIG);

    @ParameterizedTest
    @EnumSource(Role.class)
    void mutatedFrameStreamsParseOrFailWithTheRightCode(Role role) {
        List<byte[]> corpus = corpus(role == Role.SERVER);
        long seed = Mutator.firstSeed(0x6455_F022L);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(Mutator.seconds());
        int cases = 0;
        int failed = 0;
        for (; System.nanoTime() < deadline; seed++, cases++) {
            Random random = new Random(seed);
            byte[] input = Mutator.mutate(corpus.get(random.nextInt(corpus.size())), random);
            Bounded handler = new Bounded();
            FrameParser parser = new FrameParser(role, handler);
            parser.setMaxFramePayload(MAX_FRAME);
            if (random.nextBoolean()) {
                parser.setAllowedRsv(FrameHeader.RSV1);
            }
            try {
                for (int at = 0; at < input.length; ) {
                    int n = Mutator.nextChunk(random, input.length - at);
                    parser.parse(ByteBuffer.wrap(input, at, n));
                    at += n;
                }
            } catch (ProtocolException e) {
                failed++;
                if (!CODES.contains(e.closeCode())) {
                    fail(report(role, seed, input, "close code " + e.closeCode() + ": " + e.getMessage()));
                }
            } catch (RuntimeException | AssertionError e) {
                fail(report(role, seed, input, e.toString()), e);
            }
        }
        System.out.println("FrameParserFuzzTest " + role + ": " + cases + " cases, " + failed
                + " failed with 1002/1007/1009, none otherwise");
        assertTrue(cases > 0);
    }

    private static String report(Role role, long seed, byte[] input, String what) {
        return role + " case seed " + seed + " (-Dbowline.fuzz.seed=" + seed + "): " + what + "; input "
                + HexFormat.of().formatHex(input, 0, Math.min(input.length, 256));
    }

    /** Valid streams: data frames of every kind and size class, fragments, controls, a close. */
    private static List<byte[]> corpus(boolean masked) {
        List<byte[]> corpus = new ArrayList<>();
        Random r = new Random(1);
        corpus.add(concat(frame(true, 0, Opcode.TEXT, "hello".getBytes(), masked)));
        corpus.add(concat(frame(true, 0, Opcode.BINARY, bytes(r, 200), masked)));
        corpus.add(concat(frame(true, 0, Opcode.BINARY, bytes(r, 70_000 % (int) MAX_FRAME), masked)));
        corpus.add(concat(frame(false, 0, Opcode.TEXT, "κόσ".getBytes(), masked),
                frame(true, 0, Opcode.PING, "p".getBytes(), masked),
                frame(true, 0, Opcode.CONTINUATION, "με".getBytes(), masked)));
        corpus.add(concat(frame(true, FrameHeader.RSV1, Opcode.TEXT, bytes(r, 30), masked),
                frame(true, 0, Opcode.PONG, new byte[0], masked)));
        corpus.add(concat(frame(true, 0, Opcode.CLOSE, new byte[] {0x03, (byte) 0xE8, 'o', 'k'}, masked)));
        return corpus;
    }

    private static byte[] bytes(Random r, int n) {
        byte[] b = new byte[n];
        r.nextBytes(b);
        return b;
    }

    private static byte[] frame(boolean fin, int rsv, int opcode, byte[] payload, boolean masked) {
        ByteBuffer frame = ByteBuffer.allocate(FrameWriter.MAX_HEADER_LENGTH + payload.length);
        int key = 0x1234_5678;
        FrameWriter.writeHeader(frame, fin, rsv, opcode, payload.length, masked, key);
        if (masked) {
            Masker.maskInto(ByteBuffer.wrap(payload), frame, key, 0);
        } else {
            frame.put(payload);
        }
        frame.flip();
        byte[] out = new byte[frame.remaining()];
        frame.get(out);
        return out;
    }

    private static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] p : parts) {
            out.writeBytes(p);
        }
        return out.toByteArray();
    }

    /** Checks what the parser hands on: nothing beyond the limits. */
    private static final class Bounded implements FrameHandler {
        @Override
        public void onDataFrameStart(int opcode, boolean fin, int rsv, long payloadLength) {
            if (payloadLength > MAX_FRAME) {
                throw new AssertionError("a frame of " + payloadLength + " bytes passed a " + MAX_FRAME + "-byte limit");
            }
        }

        @Override
        public void onDataPayload(ByteBuffer payload) {
            payload.position(payload.limit());
        }

        @Override
        public void onDataFrameEnd(boolean fin) {
        }

        @Override
        public void onControlFrame(int opcode, ByteBuffer payload) {
            if (payload.remaining() > 125) {
                throw new AssertionError("a control frame of " + payload.remaining() + " bytes was delivered");
            }
        }
    }
}
